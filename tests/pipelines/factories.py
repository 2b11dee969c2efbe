"""Builders for pipeline tests: graph nodes and edges, and pipelines saved in the database or
created over the REST API. The graph builders are plain data, for live and browser tests too."""

from __future__ import annotations

from typing import Any


def node(node_id: str, component: str, params: dict | None = None, **extra: Any) -> dict:
    """A graph node; `extra` adds keys such as `disabled`, `compute` or `position`."""
    return {"id": node_id, "component": component, "params": params or {}, **extra}


def edge(source: str, source_port: str, target: str, target_port: str) -> dict[str, str]:
    return {
        "source": source,
        "source_port": source_port,
        "target": target,
        "target_port": target_port,
    }


def graph(nodes=(), edges=()) -> dict[str, list]:
    return {"nodes": list(nodes), "edges": list(edges)}


def pipeline(graph: dict | None = None, name: str = "p", **fields: Any):
    """A pipeline saved straight to the database (no validation)."""
    from designer.pipelines.models import Pipeline

    return Pipeline.objects.create(name=name, graph=graph or {"nodes": [], "edges": []}, **fields)


def post_pipeline(api, graph: dict | None = None, name: str = "p", **values: Any) -> dict:
    """A pipeline created over the REST API; the response body."""
    body = {"name": name, "graph": graph or {"nodes": [], "edges": []}, **values}
    response = api.post("/api/pipelines/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()
