from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "designer.schedules"
    label = "schedules"
