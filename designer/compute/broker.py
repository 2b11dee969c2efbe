"""The Dramatiq broker: Redis (or RabbitMQ for an `amqp://` URL) when DESIGNER_BROKER_URL is
set, in-process otherwise.

Configured once per process, before any actor is declared. The database, not the broker,
is the record of what has run: messages only say "look at node run N".
"""

import threading
from typing import Any

import dramatiq
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections
from dramatiq.brokers.stub import StubBroker

_lock = threading.Lock()
_broker: dramatiq.Broker | None = None


def get_broker() -> dramatiq.Broker:
    global _broker
    with _lock:
        if _broker is None:
            _broker = _make_broker()
            dramatiq.set_broker(_broker)
        return _broker


class DatabaseConnections(dramatiq.Middleware):
    """Drop broken or expired database connections around each message, as requests do."""

    def before_process_message(self, broker, message):
        close_old_connections()

    def after_process_message(self, broker, message, *, result=None, exception=None):
        close_old_connections()


def _make_broker() -> dramatiq.Broker:
    url = settings.DESIGNER_BROKER_URL
    if not url:
        broker: dramatiq.Broker = StubBroker()
    elif url.startswith(("amqp://", "amqps://")):
        broker = _rabbitmq(url)
    else:
        from dramatiq.brokers.redis import RedisBroker

        # A shorter heartbeat timeout and more frequent maintenance bring a dead worker's
        # messages back in seconds rather than minutes; our own reconciler covers the rest.
        broker = RedisBroker(url=url, heartbeat_timeout=15_000, maintenance_chance=100)
    broker.add_middleware(DatabaseConnections())
    return broker


def _rabbitmq(url: str) -> dramatiq.Broker:
    # Dramatiq's RabbitMQ broker needs the `pika` package, which is not installed by default:
    # only a deployment that chooses RabbitMQ installs it (docs/deploy.md).
    try:
        from dramatiq.brokers.rabbitmq import RabbitmqBroker
    except ImportError as exc:
        raise ImproperlyConfigured(
            "DESIGNER_BROKER_URL names RabbitMQ (amqp://), which needs the pika package: "
            "pip install 'pika>=1,<2' into this virtualenv."
        ) from exc
    return RabbitmqBroker(url=url)


# The workers' actors, by name. Senders build messages from the name alone, so nothing that
# sends work has to import the module that declares the actor (and what it imports).
EXECUTE_NODE = "execute_node"


def send(actor_name: str, queue_name: str, *args: Any, delay_ms: int | None = None) -> None:
    """Put a message for the named actor on a queue."""
    broker = get_broker()
    broker.declare_queue(queue_name)
    message = dramatiq.Message(
        queue_name=queue_name, actor_name=actor_name, args=args, kwargs={}, options={}
    )
    broker.enqueue(message, delay=delay_ms)
