from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "designer.runs"
    label = "runs"

    def ready(self) -> None:
        # Registers the node runs' artifacts with the artifact retention sweep.
        from . import retention  # noqa: F401
