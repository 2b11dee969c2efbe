from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "designer.execution"
    label = "execution"

    def ready(self) -> None:
        from designer.compute.services import register_load_probe

        from .load import target_load

        # Compute knows targets and workers; what is queued or running on them is ours.
        register_load_probe(target_load)
