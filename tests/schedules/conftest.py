"""A published endpoint for schedules and triggers to call: the sample pipeline, with a string
parameter `paths` for data triggers to fill."""

import pytest

from designer.endpoints.services import publish
from designer.pipelines.models import Pipeline
from tests.support.live import sample_graph


def publish_sample(user, name: str = "nightly") -> str:
    sample = sample_graph()
    parameters = {**sample["parameters"], "paths": {"type": "string", "default": "[]"}}
    pipeline = Pipeline.objects.create(name=name, graph=sample["graph"], parameters=parameters)
    publish(user, pipeline.pk, name)
    return name


@pytest.fixture
def endpoint(builtins, user) -> str:
    return publish_sample(user)
