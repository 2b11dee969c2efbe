from django.apps import AppConfig


class ComputeConfig(AppConfig):
    name = "designer.compute"
    label = "compute"
