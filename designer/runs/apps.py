from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "designer.runs"
    label = "runs"

    def ready(self) -> None:
        # Registers the node runs' artifacts with the artifact retention sweep, and as what
        # lets a workspace's members see them.
        from designer.artifacts.services import register_holder

        from . import retention  # noqa: F401
        from .queries import node_runs_holding

        register_holder("node runs", node_runs_holding)
