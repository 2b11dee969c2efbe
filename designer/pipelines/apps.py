from django.apps import AppConfig


class PipelinesConfig(AppConfig):
    name = "designer.pipelines"
    label = "pipelines"

    def ready(self) -> None:
        from designer.registry.services import register_usage_finder

        from .services import pipelines_using

        register_usage_finder(pipelines_using)
