from django.apps import AppConfig


class PipelinesConfig(AppConfig):
    name = "designer.pipelines"
    label = "pipelines"
