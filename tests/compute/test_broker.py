"""Which Dramatiq broker DESIGNER_BROKER_URL picks: none (in-process), Redis, or RabbitMQ for an
amqp:// URL. Building a broker connects to nothing, so no Redis or RabbitMQ is needed here."""

import sys
import types

import pytest
from django.core.exceptions import ImproperlyConfigured
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from designer.compute.broker import DatabaseConnections, _make_broker


class FakeRabbitmqBroker(StubBroker):
    """Stands in for Dramatiq's RabbitmqBroker, whose module needs pika (not installed)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


@pytest.fixture
def fake_pika_broker(monkeypatch):
    module = types.ModuleType("dramatiq.brokers.rabbitmq")
    module.RabbitmqBroker = FakeRabbitmqBroker
    monkeypatch.setitem(sys.modules, "dramatiq.brokers.rabbitmq", module)


def middleware_types(broker) -> set[type]:
    return {type(m) for m in broker.middleware}


def test_no_url_is_the_in_process_broker(settings):
    settings.DESIGNER_BROKER_URL = ""
    broker = _make_broker()
    assert type(broker) is StubBroker
    assert DatabaseConnections in middleware_types(broker)


def test_a_redis_url_is_the_redis_broker(settings):
    settings.DESIGNER_BROKER_URL = "redis://127.0.0.1:1/0"
    broker = _make_broker()
    assert isinstance(broker, RedisBroker)
    assert DatabaseConnections in middleware_types(broker)


@pytest.mark.parametrize("url", ["amqp://u:p@rabbit:5672/", "amqps://u:p@rabbit:5671/%2F"])
def test_an_amqp_url_is_the_rabbitmq_broker(settings, fake_pika_broker, url):
    settings.DESIGNER_BROKER_URL = url
    broker = _make_broker()
    assert isinstance(broker, FakeRabbitmqBroker) and broker.url == url
    assert DatabaseConnections in middleware_types(broker)


def test_an_amqp_url_without_pika_says_what_to_install(settings, monkeypatch):
    # None in sys.modules makes the import fail as a missing package does.
    monkeypatch.setitem(sys.modules, "dramatiq.brokers.rabbitmq", None)
    settings.DESIGNER_BROKER_URL = "amqp://u:p@rabbit:5672/"
    with pytest.raises(ImproperlyConfigured, match="pika"):
        _make_broker()
