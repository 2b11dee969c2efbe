"""The default scope check: a scoped token reaches nothing but what its scopes name.

A view says which scope it needs with `required_scope`, formatted with its URL
arguments (e.g. `"endpoint:run:{name}"`); a view that says nothing needs `*`.
Requests without a token (browser sessions) pass untouched.

The same hook records the workspace a request chose (header `X-Pipewright-Workspace` or
`?workspace=`), which `acting` checks and uses when the services list or create.
"""

from rest_framework.permissions import BasePermission

from .scopes import ALL, token_allows

WORKSPACE_HEADER = "X-Pipewright-Workspace"


def required_scope(view) -> str:
    template = getattr(view, "required_scope", None)
    return template.format(**view.kwargs) if template else ALL


class TokenScopes(BasePermission):
    code = "insufficient_scope"

    def has_permission(self, request, view) -> bool:
        from .acting import new_request  # not at import: DRF loads this class while it loads itself

        new_request(
            request.user,
            request.headers.get(WORKSPACE_HEADER) or request.query_params.get("workspace"),
        )
        scope = required_scope(view)
        if token_allows(request.auth, scope):
            return True
        granted = ", ".join(getattr(request.auth, "scopes", []) or []) or "none"
        self.message = (
            f"This token's scopes ({granted}) do not cover {request.method} {request.path}: "
            f"it needs the scope {scope!r}."
        )
        return False
