from django.apps import AppConfig


class ModelsConfig(AppConfig):
    name = "designer.models"
    label = "models"
    verbose_name = "model registry"
