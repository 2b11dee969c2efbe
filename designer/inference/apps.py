from django.apps import AppConfig


class InferenceConfig(AppConfig):
    name = "designer.inference"
    label = "inference"

    def ready(self) -> None:
        # Run Output nodes are bound to a stored artifact when their run starts.
        from designer.artifacts.retention import register_keeper
        from designer.runs import sources

        from .run_outputs import bind_run_output

        sources.register("run_output", bind_run_output)
        # A deployment serves the stored models it was deployed with, whatever became of the
        # run or registered version they came from: the retention sweep keeps them.
        register_keeper("inference deployments", _deployed_artifacts)


def _deployed_artifacts() -> list[int]:
    from .models import Deployment

    return [i for ids in Deployment.objects.values_list("artifacts", flat=True) for i in ids]
