from django.apps import AppConfig


class InferenceConfig(AppConfig):
    name = "designer.inference"
    label = "inference"

    def ready(self) -> None:
        # Run Output nodes are bound to a stored artifact when their run starts.
        from designer.runs import sources

        from .run_outputs import bind_run_output

        sources.register("run_output", bind_run_output)
