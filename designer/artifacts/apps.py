from django.apps import AppConfig


class ArtifactsConfig(AppConfig):
    name = "designer.artifacts"
    label = "artifacts"
