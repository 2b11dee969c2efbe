"""How busy each compute target is, counted from the node runs (the compute app's probe)."""

from django.db.models import Count

from designer.compute.services import Load
from designer.runs.choices import NODE_FINAL, NodeStatus
from designer.runs.models import NodeRun


def target_load() -> Load:
    by_status = (
        NodeRun.objects.exclude(status__in=NODE_FINAL)
        .values_list("compute", "status")
        .annotate(n=Count("id"))
    )
    queued: dict[str, int] = {}
    unfinished: dict[str, int] = {}
    for target, status, n in by_status:
        unfinished[target] = unfinished.get(target, 0) + n
        if status == NodeStatus.QUEUED:
            queued[target] = queued.get(target, 0) + n
    running_on = list(
        NodeRun.objects.filter(status=NodeStatus.RUNNING).values_list("worker", flat=True)
    )
    return Load(queued=queued, unfinished=unfinished, running_on=running_on)
