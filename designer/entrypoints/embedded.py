"""Background work of the web process: in-process workers (embedded default only), the
reconciler loop (always; several web processes reconciling at once is safe) and the scheduler
loop (when DESIGNER_EMBEDDED_SCHEDULER; several schedulers at once are safe too).

Started by the ASGI lifespan.
"""

import logging
import threading

from django.conf import settings
from dramatiq import Worker

from designer.compute.broker import get_broker
from designer.compute.models import ComputeTarget
from designer.compute.services import Heartbeat

log = logging.getLogger(__name__)

_lock = threading.Lock()
_worker: Worker | None = None
_loop = None
_heartbeat = None
_scheduler = None


def start() -> None:
    global _worker, _loop, _heartbeat, _scheduler
    with _lock:
        if _loop is not None:
            return
        from designer.execution.actors import WORKER_NAME  # declares the actor, too
        from designer.execution.reconciler import Loop, reconcile

        if settings.DESIGNER_EMBEDDED_WORKERS:
            _worker = _start_workers()
            _heartbeat = Heartbeat(WORKER_NAME, [], settings.DESIGNER_WORKER_THREADS)
            _heartbeat.start()
            # Everything this process was running when it stopped is orphaned: take it back.
            reconcile(orphan_all_running=True)
        else:
            reconcile()
        _loop = Loop()
        _loop.start()
        if settings.DESIGNER_EMBEDDED_SCHEDULER:
            from designer.schedules.scheduler import Loop as SchedulerLoop

            _scheduler = SchedulerLoop()
            _scheduler.start()


def _start_workers() -> Worker:
    from designer.execution.launcher import warm_up
    from designer.execution.served_queues import serve_all

    serve_all()
    broker = get_broker()
    for target in ComputeTarget.objects.all():
        broker.declare_queue(target.queue_name)
    worker = Worker(broker, worker_threads=settings.DESIGNER_WORKER_THREADS, worker_timeout=100)
    worker.start()
    warm_up()
    log.info("embedded workers started (%s threads)", settings.DESIGNER_WORKER_THREADS)
    return worker


def stop() -> None:
    global _worker, _loop, _heartbeat, _scheduler
    with _lock:
        if _scheduler is not None:
            _scheduler.stop()
            _scheduler = None
        if _heartbeat is not None:
            _heartbeat.stop()
            _heartbeat = None
        if _loop is not None:
            _loop.stop()
            _loop = None
        if _worker is not None:
            _worker.stop(timeout=5000)
            _worker = None
