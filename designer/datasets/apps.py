from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "designer.datasets"
    label = "datasets"

    def ready(self) -> None:
        # A dataset node in a graph is bound to a stored version when its run starts.
        from designer.runs import sources

        from .services.datasets import bind_dataset

        sources.register("dataset", bind_dataset)
