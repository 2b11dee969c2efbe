from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "designer.registry"
    label = "registry"
