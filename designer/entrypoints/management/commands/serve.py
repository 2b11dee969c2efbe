"""`manage.py serve`: the one ASGI server (API, websocket, built frontend, embedded workers)."""

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
        )
        uvicorn.Server(config).run()
