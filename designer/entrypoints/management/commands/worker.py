"""`manage.py worker --compute NAME`: a Dramatiq worker for one compute target's queue."""

import logging
import signal
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from dramatiq import Worker

from designer.artifacts.stores import get_store
from designer.compute.broker import get_broker
from designer.compute.models import ComputeTarget, queue_for
from designer.compute.services import Heartbeat
from designer.execution.launcher import warm_up
from designer.execution.served_queues import serve

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run a worker that executes the nodes assigned to one compute target."

    def add_arguments(self, parser):
        parser.add_argument("--compute", default="default", help="compute target to serve")
        parser.add_argument("--concurrency", type=int, default=None, help="nodes at once")

    def handle(self, *args, **options):
        name = options["compute"]
        target = ComputeTarget.objects.filter(name=name).first()
        if target is None:
            known = ", ".join(ComputeTarget.objects.values_list("name", flat=True)) or "none"
            raise CommandError(f"No compute target '{name}'; known targets: {known}.")
        try:
            # A store URL this worker cannot use stops it here, not at its first node.
            store = get_store()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if not settings.DESIGNER_BROKER_URL:
            self.stderr.write(
                "DESIGNER_BROKER_URL is not set: this worker would only see its own in-process "
                "queue. Set it to the Redis URL the web process uses."
            )
        from designer.execution.actors import WORKER_NAME  # declares the actor, too

        serve({name})
        concurrency = options["concurrency"] or target.concurrency
        broker = get_broker()
        queue = queue_for(name)
        broker.declare_queue(queue)
        warm_up()
        worker = Worker(broker, queues={queue}, worker_threads=concurrency, worker_timeout=100)
        stopping = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.set())
        worker.start()
        heartbeat = Heartbeat(WORKER_NAME, [name], concurrency)
        heartbeat.start()
        self.stdout.write(
            f"worker serving {queue} with {concurrency} thread(s), artifacts in {store!r}",
            ending="\n",
        )
        self.stdout.flush()
        try:
            while not stopping.wait(1.0):
                pass
        finally:
            heartbeat.stop()
            worker.stop(timeout=10_000)
            broker.close()
