from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "designer.datasets"
    label = "datasets"

    def ready(self) -> None:
        # A dataset node in a graph is bound to a stored version when its run starts; a
        # Register Dataset node's rows become a version when its step completes.
        from designer.artifacts.retention import register_keeper
        from designer.artifacts.services import register_holder
        from designer.runs import sinks, sources

        from .models import DatasetVersion
        from .services.datasets import bind_dataset
        from .services.recording import record_rows

        sources.register("dataset", bind_dataset)
        sinks.register("register_dataset", record_rows)
        # The retention sweep never removes a dataset version's stored table.
        register_keeper(
            "dataset versions",
            lambda: DatasetVersion.objects.values_list("artifact_id", flat=True),
        )
        # Its members see the stored table of a dataset version of their workspace.
        register_holder(
            "dataset versions",
            lambda artifact_id, workspaces: DatasetVersion.objects.filter(
                artifact_id=artifact_id, dataset__workspace_id__in=workspaces
            ),
        )
