from django.apps import AppConfig


class EndpointsConfig(AppConfig):
    name = "designer.endpoints"
    label = "endpoints"
