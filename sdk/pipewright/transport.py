"""The one place that speaks HTTP: named routes in, parsed JSON or typed objects out.

Responsible for the base URL, the `Authorization: Token` header, the chosen workspace's
`X-Pipewright-Workspace` header, turning refusals into
`ApiError`s with the server's own message, following cursor pages, and streaming downloads to
disk. Every call goes through a route name of `routes.ROUTES`. It must not know what the
objects mean: the resource classes in `client.py` do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx

from pipewright.errors import Unreachable, error_for
from pipewright.models import ApiObject
from pipewright.routes import ROUTES, Route

T = TypeVar("T", bound=ApiObject)
USER_AGENT = "pipewright-sdk/0.1"
NEXT_CURSOR_HEADER = "X-Next-Cursor"
MAX_PAGE = 200  # the largest `limit` a list takes
WORKSPACE_HEADER = "X-Pipewright-Workspace"


class Transport:
    def __init__(
        self, url: str, token: str | None, timeout: float = 60.0, workspace: str | None = None
    ) -> None:
        self.url = url.rstrip("/")
        self.workspace = workspace
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        if workspace:
            headers[WORKSPACE_HEADER] = workspace
        self._http = httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def request(self, name: str, path: dict[str, object] | None = None, **kwargs: Any) -> Any:
        """Call route `name` and return its JSON body (None for an empty one)."""
        response = self.send(name, path, **kwargs)
        if not response.content:
            return None
        return response.json()

    def send(self, name: str, path: dict[str, object] | None = None, **kwargs: Any):
        """The raw response of route `name`, after checking it succeeded."""
        route = ROUTES[name]
        url = route.url(**(path or {}))
        try:
            response = self._http.request(route.method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise Unreachable(f"{self.url} did not answer {route.method} {url} in time") from exc
        except httpx.TransportError as exc:
            raise Unreachable(f"cannot reach the Pipewright server at {self.url}: {exc}") from exc
        check(response, route)
        return response

    def one(self, name: str, path: dict[str, object] | None = None, **kwargs: Any) -> Any:
        """Route `name`'s answer as its typed object."""
        route = ROUTES[name]
        assert route.returns is not None, f"{name} returns no object"
        return route.returns.from_api(self.request(name, path, **kwargs))

    def many(
        self,
        name: str,
        path: dict[str, object] | None = None,
        *,
        at_most: int | None = None,
        **kwargs: Any,
    ) -> list[Any]:
        """Every item of a list route as typed objects (or the first `at_most`), following
        cursors to the end."""
        route = ROUTES[name]
        assert route.returns is not None and route.many, f"{name} is not a list route"
        items = self._items(name, path, at_most, **kwargs)
        return [route.returns.from_api(item) for item in items]

    def _items(
        self, name: str, path: dict[str, object] | None, at_most: int | None, **kwargs: Any
    ) -> Iterator[dict]:
        """Items page after page. A list answers `{"results", "next"}`, or a bare array with
        the next cursor in the `X-Next-Cursor` header (absent on the last page)."""
        params = dict(kwargs.pop("params", None) or {})
        if at_most is not None:
            params["limit"] = max(1, min(at_most, MAX_PAGE))
        left = at_most
        while left is None or left > 0:
            response = self.send(name, path, params=params, **kwargs)
            body = response.json() if response.content else []
            if isinstance(body, list):
                items, cursor = body, response.headers.get(NEXT_CURSOR_HEADER)
            else:
                items, cursor = body.get("results") or [], body.get("next")
            if left is not None:
                items, left = items[:left], left - len(items[:left])
            yield from items
            if not cursor:
                return
            params["cursor"] = _cursor_value(cursor)

    def download(
        self, name: str, target: Path, path: dict[str, object] | None = None, **kwargs: Any
    ) -> Path:
        """Stream route `name`'s body into `target` (a file), written whole or not at all."""
        route = ROUTES[name]
        url = route.url(**(path or {}))
        partial = target.with_name(f".{target.name}.part")
        try:
            with self._http.stream(route.method, url, **kwargs) as response:
                if response.is_error:
                    response.read()
                check(response, route)
                with partial.open("wb") as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
        except httpx.TransportError as exc:
            partial.unlink(missing_ok=True)
            raise Unreachable(f"cannot reach the Pipewright server at {self.url}: {exc}") from exc
        partial.replace(target)
        return target


def check(response: httpx.Response, route: Route) -> None:
    """Raise the server's refusal as an `ApiError`; return quietly on success."""
    if not response.is_error:
        return
    try:
        body = response.json()
    except ValueError:
        body = None
    fallback = f"{route.method} {response.request.url.path} failed with HTTP {response.status_code}"
    raise error_for(response.status_code, body, fallback)


def _cursor_value(cursor: str) -> str:
    """A `next` may be the bare cursor or a whole URL carrying `?cursor=`."""
    if "cursor=" not in cursor:
        return cursor
    return httpx.URL(cursor).params.get("cursor", cursor)
