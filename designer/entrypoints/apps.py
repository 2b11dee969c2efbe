from django.apps import AppConfig


class EntrypointsConfig(AppConfig):
    name = "designer.entrypoints"
    label = "entrypoints"
