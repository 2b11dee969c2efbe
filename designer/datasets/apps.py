from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "designer.datasets"
    label = "datasets"

    def ready(self) -> None:
        # A dataset node in a graph is bound to a stored version when its run starts.
        from designer.artifacts.retention import register_keeper
        from designer.runs import sources

        from .models import DatasetVersion
        from .services.datasets import bind_dataset

        sources.register("dataset", bind_dataset)
        # The retention sweep never removes a dataset version's stored table.
        register_keeper(
            "dataset versions",
            lambda: DatasetVersion.objects.values_list("artifact_id", flat=True),
        )
