"""Every REST call the SDK makes, in one table: method, path, and the typed object it returns.

The transport accepts only names from this table, so the table is the whole of the SDK's use of
the API; `tests/test_api_contract.py` checks each route, and each field of its typed object,
against the OpenAPI schema the server publishes.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipewright import models


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # with {placeholders}, exactly as the OpenAPI schema writes it
    returns: type[models.ApiObject] | None = None  # None: no body read, or bytes/text
    many: bool = False  # a list of `returns` (a plain array, or a cursor page of them)

    def url(self, **values: object) -> str:
        return self.path.format(**{k: _segment(v) for k, v in values.items()})


def _segment(value: object) -> str:
    from urllib.parse import quote

    return quote(str(value), safe="")


_DATASETS = "/api/datasets/{name}/"
_MODELS = "/api/models/"
_IMPORTS = "/api/imports/"
_MEMBERS = "/api/workspaces/{name}/members/"
_MEMBER = "/api/workspaces/{name}/members/{username}/"

ROUTES: dict[str, Route] = {
    "auth.token": Route("POST", "/api/auth/token/"),
    "auth.me": Route("GET", "/api/auth/me/"),
    "components.list": Route("GET", "/api/components/", models.ComponentInfo, many=True),
    "components.get": Route("GET", "/api/components/{name}/", models.ComponentDetail),
    "components.version": Route(
        "GET", "/api/components/{name}/versions/{version}/", models.ComponentDetail
    ),
    "components.register": Route("POST", "/api/components/", models.ComponentDetail),
    "pipelines.list": Route("GET", "/api/pipelines/", models.PipelineSummary, many=True),
    "pipelines.create": Route("POST", "/api/pipelines/", models.PipelineRecord),
    "pipelines.get": Route("GET", "/api/pipelines/{id}/", models.PipelineRecord),
    "pipelines.update": Route("PUT", "/api/pipelines/{id}/", models.PipelineRecord),
    "pipelines.validate": Route("POST", "/api/pipelines/{id}/validate/", models.ValidationResult),
    "pipelines.export": Route("GET", "/api/pipelines/{id}/export/"),
    "pipelines.submit": Route("POST", "/api/pipelines/{id}/runs/", models.RunInfo),
    "pipelines.publish": Route("POST", "/api/pipelines/{id}/publish/", models.Published),
    "runs.list": Route("GET", "/api/runs/", models.RunSummary, many=True),
    "runs.get": Route("GET", "/api/runs/{id}/", models.RunInfo),
    "runs.cancel": Route("POST", "/api/runs/{id}/cancel/", models.RunInfo),
    "runs.logs": Route("GET", "/api/runs/{id}/nodes/{node}/logs/", models.LogPage),
    "runs.metrics": Route(
        "GET", "/api/runs/{id}/nodes/{node}/metrics/", models.MetricPoint, many=True
    ),
    "artifacts.get": Route("GET", "/api/artifacts/{id}/", models.ArtifactInfo),
    "artifacts.preview": Route("GET", "/api/artifacts/{id}/preview/", models.Preview),
    "artifacts.download": Route("GET", "/api/artifacts/{id}/download/"),
    "endpoints.list": Route("GET", "/api/endpoints/", models.Endpoint, many=True),
    "endpoints.get": Route("GET", "/api/endpoints/{name}/", models.Endpoint),
    "endpoints.run": Route("POST", "/api/endpoints/{name}/runs/", models.EndpointRun),
    "endpoints.run_version": Route(
        "POST", "/api/endpoints/{name}/versions/{version}/runs/", models.EndpointRun
    ),
    "datasets.list": Route("GET", "/api/datasets/", models.DatasetSummary, many=True),
    "datasets.get": Route("GET", _DATASETS, models.Dataset),
    "datasets.upload": Route("POST", "/api/datasets/", models.RegisteredDatasetVersion),
    "datasets.download": Route("GET", "/api/datasets/{name}/versions/{version}/download/"),
    "models.list": Route("GET", _MODELS, models.ModelSummary, many=True),
    "models.get": Route("GET", "/api/models/{name}/", models.RegisteredModel),
    "models.register": Route("POST", _MODELS, models.RegisteredModelVersion),
    "models.download": Route("GET", "/api/models/{name}/versions/{version}/download/"),
    "imports.create": Route("POST", _IMPORTS, models.ImportResult),
    "workspaces.list": Route("GET", "/api/workspaces/", models.Workspace, many=True),
    "workspaces.create": Route("POST", "/api/workspaces/", models.Workspace),
    "workspaces.get": Route("GET", "/api/workspaces/{name}/", models.Workspace),
    "workspaces.members": Route("GET", _MEMBERS, models.Member, many=True),
    "workspaces.add_member": Route("POST", _MEMBERS, models.Member),
    "workspaces.set_role": Route("PATCH", _MEMBER, models.Member),
    "workspaces.remove_member": Route("DELETE", _MEMBER),
}
