from django.apps import AppConfig


class ModelsConfig(AppConfig):
    name = "designer.models"
    label = "models"
    verbose_name = "model registry"

    def ready(self) -> None:
        from designer.runs import sources

        from .services.binding import COMPONENT, bind_registered_model

        sources.register(COMPONENT, bind_registered_model)
