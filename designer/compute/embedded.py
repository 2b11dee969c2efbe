"""In-process workers for the embedded default: every compute target served in the web process.

Started by the ASGI lifespan (or the `serve` command); does nothing when a broker URL is
configured, unless DESIGNER_EMBEDDED_WORKERS says otherwise.
"""

import logging
import threading

from django.conf import settings
from dramatiq import Worker

from .broker import get_broker
from .models import ComputeTarget

log = logging.getLogger(__name__)

_lock = threading.Lock()
_worker: Worker | None = None


def start() -> None:
    global _worker
    with _lock:
        if _worker is not None or not settings.DESIGNER_EMBEDDED_WORKERS:
            return
        from designer.runs import actors  # noqa: F401  (declares the actor on the broker)
        from designer.runs.reconciler import reconcile

        from .launcher import warm_up

        broker = get_broker()
        for target in ComputeTarget.objects.all():
            broker.declare_queue(target.queue_name)
        _worker = Worker(
            broker, worker_threads=settings.DESIGNER_WORKER_THREADS, worker_timeout=100
        )
        _worker.start()
        warm_up()
        # Everything this process was running when it stopped is orphaned: take it back.
        reconcile(orphan_all_running=True)
        log.info("embedded workers started (%s threads)", settings.DESIGNER_WORKER_THREADS)


def stop() -> None:
    global _worker
    with _lock:
        if _worker is not None:
            _worker.stop(timeout=5000)
            _worker = None
