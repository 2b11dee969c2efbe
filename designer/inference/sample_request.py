"""A request a caller can copy: the score URL, headers, a body in both forms, and curl.

Made from the input schema of the deployment with the most traffic: one row with a value of
each column's type (0.0 for numbers, 0 for integers, false, "" for text, null otherwise).
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from .payloads import BOOLEANS, FLOATS, INTEGERS, STRINGS
from .realtime import primary
from .serving.hub import TARGET_HEADER

TOKEN_PLACEHOLDER = "<your API token>"


def sample_request(endpoint, base_url: str) -> dict[str, Any]:
    deployment = primary(endpoint)
    schema = deployment.input_schema if deployment is not None else []
    row = {column["name"]: example(column.get("dtype") or "") for column in schema}
    url = f"{base_url.rstrip('/')}/api/inference/{endpoint.name}/score"
    headers = {"Authorization": f"Token {TOKEN_PLACEHOLDER}", "Content-Type": "application/json"}
    body = {"rows": [row]}
    return {
        "url": url,
        "method": "POST",
        "headers": headers,
        "body": body,
        "columnar": {"columns": list(row), "data": [list(row.values())]},
        "input_schema": schema,
        "deployment_header": TARGET_HEADER,
        "scope": f"inference:score:{endpoint.name}",
        "curl": _curl(url, headers, body),
    }


def example(dtype: str) -> Any:
    if dtype in FLOATS:
        return 0.0
    if dtype in INTEGERS:
        return 0
    if dtype in BOOLEANS:
        return False
    if dtype in STRINGS:
        return ""
    return None


def _curl(url: str, headers: dict[str, str], body: dict[str, Any]) -> str:
    parts = ["curl", "-X", "POST", shlex.quote(url)]
    for name, value in headers.items():
        parts += ["-H", shlex.quote(f"{name}: {value}")]
    parts += ["-d", shlex.quote(json.dumps(body))]
    return " ".join(parts)
