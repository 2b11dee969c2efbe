"""The one ASGI application: HTTP (API and built frontend), websockets, and lifespan.

At start-up in the embedded default, lifespan starts the in-process workers and gives the
event publisher and the inference serving hub this server's loop.
"""

import asyncio
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from designer.accounts.websocket import websocket_auth  # noqa: E402
from designer.inference.serving.fast_path import score_route  # noqa: E402
from designer.inference.serving.hub import get_hub  # noqa: E402
from designer.realtime.routing import websocket_urlpatterns  # noqa: E402


async def lifespan(scope, receive, send):
    from asgiref.sync import sync_to_async

    from designer.entrypoints import embedded
    from designer.realtime.publisher import publisher

    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                publisher.attach(asyncio.get_running_loop())
                get_hub().attach(asyncio.get_running_loop())
                await sync_to_async(embedded.start, thread_sensitive=False)()
            except Exception as exc:
                await send({"type": "lifespan.startup.failed", "message": str(exc)})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await get_hub().close()
            await sync_to_async(embedded.stop, thread_sensitive=False)()
            await send({"type": "lifespan.shutdown.complete"})
            return


application = ProtocolTypeRouter(
    {
        # Token clients' score requests are answered before Django (see fast_path.py).
        "http": score_route(django_app),
        "websocket": websocket_auth(URLRouter(websocket_urlpatterns)),
        "lifespan": lifespan,
    }
)
