"""The workers' one actor. Thin and idempotent: it takes an id and re-reads the database.

A redelivered message for a node run that is no longer queued does nothing, so a step
never runs twice at once.
"""

import os
import socket
import threading

import dramatiq

from designer.compute.broker import EXECUTE_NODE, get_broker
from designer.compute.models import queue_for
from designer.execution.served_queues import serves

from . import lifecycle, step

WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"


@dramatiq.actor(
    broker=get_broker(),
    actor_name=EXECUTE_NODE,
    queue_name=queue_for("default"),
    max_retries=0,
    # The step's own timeout is enforced on the child; this only bounds a stuck worker.
    time_limit=7 * 24 * 3600 * 1000,
)
def execute_node(node_run_id: int) -> None:
    worker = f"{WORKER_NAME}/{threading.current_thread().name}"
    claim = lifecycle.claimer(worker, serves)
    node_run = lifecycle.claim_node_run(node_run_id, worker)
    while node_run is not None:
        queued = step.execute(node_run, claim)
        # A successor ours to run was claimed as this step finished, in the same
        # transaction: run it right here, no message was sent for it.
        node_run = getattr(queued, "claimed", None)
