from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "designer.imports"
    label = "imports"
