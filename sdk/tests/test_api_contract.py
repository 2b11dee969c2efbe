"""Every REST call the SDK makes, and every field it reads from the answer, is in the OpenAPI
schema the server publishes (frontend/src/api/openapi.yaml): the SDK cannot drift unnoticed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pipewright.dsl import Pipeline
from pipewright.models import ApiObject, api_fields
from pipewright.routes import ROUTES, Route

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "frontend" / "src" / "api" / "openapi.yaml"


@pytest.fixture(scope="module")
def schema() -> dict:
    if not SCHEMA_FILE.is_file():
        pytest.skip("needs the repository's frontend/src/api/openapi.yaml")
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def resolve(schema: dict, node: Any) -> dict:
    """A schema object with $ref followed and allOf merged."""
    if not isinstance(node, dict):
        return {}
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return resolve(schema, schema["components"]["schemas"][name])
    if "allOf" in node:
        merged: dict = {k: v for k, v in node.items() if k != "allOf"}
        for part in node["allOf"]:
            part = resolve(schema, part)
            merged.setdefault("properties", {}).update(part.get("properties", {}))
            merged.update({k: v for k, v in part.items() if k != "properties"})
        return merged
    return node


def operation(schema: dict, route: Route) -> dict:
    path = schema["paths"].get(route.path)
    assert path is not None, f"{route.path} is not in the OpenAPI schema"
    found = path.get(route.method.lower())
    assert found is not None, f"{route.method} {route.path} is not in the OpenAPI schema"
    return found


def response_item(schema: dict, route: Route) -> dict:
    """The schema of one object the route answers with (the item, for list routes)."""
    responses = operation(schema, route)["responses"]
    code = next(c for c in responses if str(c).startswith("2"))
    body = resolve(schema, responses[code]["content"]["application/json"]["schema"])
    if route.many:
        if body.get("type") == "array":
            return resolve(schema, body["items"])
        return resolve(schema, resolve(schema, body["properties"]["results"])["items"])
    return body


def unknown_fields(schema: dict, cls: type[ApiObject], body: dict, where: str) -> list[str]:
    properties = body.get("properties", {})
    missing = [f"{where}.{f.name}" for f in api_fields(cls) if f.name not in properties]
    for name, nested in cls.NESTED.items():
        if name in properties:
            inner = resolve(schema, properties[name])
            if inner.get("type") == "array":
                inner = resolve(schema, inner["items"])
            missing += unknown_fields(schema, nested, inner, f"{where}.{name}")
    return missing


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_and_the_fields_read_are_in_the_schema(schema, name):
    route = ROUTES[name]
    operation(schema, route)
    if route.returns is not None:
        body = response_item(schema, route)
        assert unknown_fields(schema, route.returns, body, route.returns.__name__) == []


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        ("pipelines.create", sorted(Pipeline("p").to_dict())),
        ("pipelines.update", [*sorted(Pipeline("p").to_dict()), "revision"]),
        ("pipelines.validate", ["graph", "parameters"]),
        ("pipelines.submit", ["experiment", "force_rerun", "parameters"]),
        ("pipelines.publish", ["description", "endpoint"]),
        ("endpoints.run", ["experiment", "force_rerun", "parameters"]),
        ("auth.token", ["password", "username"]),
    ],
)
def test_the_fields_sent_are_in_the_request_schema(schema, name, sent):
    body = operation(schema, ROUTES[name])["requestBody"]["content"]["application/json"]
    properties = resolve(schema, body["schema"]).get("properties", {})
    assert [key for key in sent if key not in properties] == []


def test_a_graph_built_in_python_has_only_keys_the_schema_knows(schema):
    from pipewright.components import Component

    with Pipeline("p") as pipeline:
        first = Component.from_ref("a@1.0.0")().set(comment="c", compute="gpu", reuse=False)
        Component.from_ref("b@1.0.0")(data=first.outputs["out"], n=1).set(disabled=True)
    graph = pipeline.to_dict()["graph"]
    nodes = resolve(schema, schema["components"]["schemas"]["GraphNode"])["properties"]
    edges = resolve(schema, schema["components"]["schemas"]["GraphEdge"])["properties"]
    assert {k for n in graph["nodes"] for k in n} <= set(nodes)
    assert {k for e in graph["edges"] for k in e} <= set(edges)


def test_a_drifted_field_is_caught(schema):
    """The check itself bites: a field the schema lacks is reported."""
    from dataclasses import dataclass

    @dataclass
    class Drifted(ApiObject):
        status: str = ""
        renamed_away: str = ""

    body = response_item(schema, ROUTES["runs.get"])
    assert unknown_fields(schema, Drifted, body, "Drifted") == ["Drifted.renamed_away"]
