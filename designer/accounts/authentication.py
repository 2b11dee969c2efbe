"""`Authorization: Token <key>` (or `Bearer <key>`) for the REST API.

The authenticated request carries its `ApiToken` as `request.auth`, so the scope
permission (and any service) can ask `token_allows(request.auth, scope)`.
"""

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .keys import TokenRefused, key_from_authorization, offers_token


def _authorization(request) -> str:
    return get_authorization_header(request).decode("latin-1")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        # Imported here: DRF loads this class before the app registry is ready for models.
        from .tokens import authenticate_key

        try:
            key = key_from_authorization(_authorization(request))
            if key is None:
                return None
            token = authenticate_key(key)
        except TokenRefused as refused:
            raise AuthenticationFailed(refused.message, code=refused.code) from refused
        return token.user, token

    def authenticate_header(self, request) -> str | None:
        # Only a request that offered a token hears 401 + WWW-Authenticate; one with no
        # credentials keeps the 403 that signed-out browsers have always had.
        return "Token" if offers_token(_authorization(request)) else None
