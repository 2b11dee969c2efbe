"""Hand queued node runs to their compute target's queue, by actor name.

Sending needs no import of the worker side: the message names the actor
(`compute.broker.EXECUTE_NODE`) and a worker that declared it picks it up.
"""

import logging

from designer.compute.broker import EXECUTE_NODE, send
from designer.compute.models import queue_for

log = logging.getLogger(__name__)


def send_node(node_run_id: int, target: str, delay_ms: int | None = None) -> None:
    """Queue "execute node run N" on the target's queue. A lost message is re-sent by the
    reconciler, so a broker outage here is logged, not raised."""
    try:
        send(EXECUTE_NODE, queue_for(target), node_run_id, delay_ms=delay_ms)
    except Exception:
        log.warning(
            "could not enqueue node run %s; the reconciler will retry", node_run_id, exc_info=True
        )
