"""`manage.py serve_inference`: a process that serves real-time endpoints' score route.

Run any number of them (on any machine that reaches the database and the artifact store)
behind a load balancer that sends `POST /api/inference/*/score` to them; see
docs/inference.md, "Serving in distributed mode".
"""

import uvicorn
from django.core.management.base import BaseCommand

from designer.inference.serving.standalone import build_application


class Command(BaseCommand):
    help = "Serve POST /api/inference/{name}/score for API token clients."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8100)
        parser.add_argument(
            "--lazy",
            action="store_true",
            help="start an endpoint's scoring processes on its first request, not at start-up",
        )

    def handle(self, *args, **options):
        config = uvicorn.Config(
            build_application(warm=not options["lazy"]),
            host=options["host"],
            port=options["port"],
            lifespan="on",
            log_level="warning",
        )
        uvicorn.Server(config).run()
