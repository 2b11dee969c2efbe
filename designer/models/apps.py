from django.apps import AppConfig


class ModelsConfig(AppConfig):
    name = "designer.models"
    label = "models"
    verbose_name = "model registry"

    def ready(self) -> None:
        from designer.artifacts.retention import register_keeper
        from designer.artifacts.services import register_holder
        from designer.runs import sources

        from .models import ModelVersion
        from .services.binding import COMPONENT, bind_registered_model

        sources.register(COMPONENT, bind_registered_model)
        # The retention sweep never removes a registered model version's file.
        register_keeper(
            "model versions", lambda: ModelVersion.objects.values_list("artifact_id", flat=True)
        )
        # Its members see the file of a model version of their workspace.
        register_holder(
            "model versions",
            lambda artifact_id, workspaces: ModelVersion.objects.filter(
                artifact_id=artifact_id, model__workspace_id__in=workspaces
            ),
        )
