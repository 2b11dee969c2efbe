"""Authentication endpoints: session login/logout, the current user, API tokens."""

from django.contrib.auth import authenticate, login, logout
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.errors import DomainError
from designer.pagination import CursorPage

from . import throttle, tokens
from .serializers import ApiTokenCreatedSerializer, ApiTokenRequestSerializer, ApiTokenSerializer


class BadCredentials(DomainError):
    code = "bad_credentials"
    status = 400


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


UserSerializer = inline_serializer(
    "User", {"username": serializers.CharField(), "is_staff": serializers.BooleanField()}
)


def _check(request) -> object:
    data = CredentialsSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    username, address = data.validated_data["username"], request.META.get("REMOTE_ADDR", "")
    # Before the password is checked: a throttled guess must not learn whether it was right.
    throttle.check_allowed(username, address)
    user = authenticate(request, **data.validated_data)
    if user is None:
        throttle.record_failure(username, address)
        raise BadCredentials("Wrong username or password.")
    return user


def _user_dict(user) -> dict:
    return {"username": user.get_username(), "is_staff": user.is_staff}


class TokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=CredentialsSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request):
        _, raw = tokens.issue_signin_token(_check(request))
        return Response({"token": raw})


class LoginView(APIView):
    # Logging in needs no CSRF token: there is no session to ride on yet.
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=CredentialsSerializer, responses=UserSerializer)
    def post(self, request):
        user = _check(request)
        login(request, user)
        return Response(_user_dict(user))


class LogoutView(APIView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request)
        return Response(status=204)


@method_decorator(ensure_csrf_cookie, name="get")
class MeView(APIView):
    @extend_schema(responses=UserSerializer)
    def get(self, request):
        return Response(_user_dict(request.user))


class ApiTokenListView(GenericAPIView):
    pagination_class = CursorPage
    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        return tokens.list_tokens(self.request.user)

    @extend_schema(responses=ApiTokenSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ApiTokenSerializer(page, many=True).data)

    @extend_schema(request=ApiTokenRequestSerializer, responses={201: ApiTokenCreatedSerializer})
    def post(self, request):
        incoming = ApiTokenRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        token, raw = tokens.create_token(request.user, **incoming.validated_data)
        token.token = raw
        return Response(ApiTokenCreatedSerializer(token).data, status=201)


class ApiTokenDetailView(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        tokens.revoke_token(request.user, pk)
        return Response(status=204)
