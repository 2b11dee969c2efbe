"""`manage.py serve`: the one ASGI server (API, websocket, built frontend, embedded workers)."""

import gc

import uvicorn
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Pipewright over HTTP and websockets."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        config = uvicorn.Config(
            "designer.asgi:application",
            host=options["host"],
            port=options["port"],
            lifespan="on",
            log_level="info",
            ws="websockets-sansio",
            ws_per_message_deflate=False,
        )
        config.load()
        # What is loaded by now (Django, the apps, the ASGI application) lives as long as the
        # process: keep it out of the collector's full passes, which would otherwise walk all of
        # it again and again while a big request (a 5,000-node run's description, its cancel)
        # makes many objects; about a quarter of such a request's CPU time.
        gc.collect()
        gc.freeze()
        uvicorn.Server(config).run()
