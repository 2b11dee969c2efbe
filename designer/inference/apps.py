from django.apps import AppConfig


class InferenceConfig(AppConfig):
    name = "designer.inference"
    label = "inference"
