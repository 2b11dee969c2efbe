"""A URL map for tests only: the real API plus one view that needs an endpoint scope."""

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import urls


class EndpointRunView(APIView):
    required_scope = "endpoint:run:{name}"

    def post(self, request, name: str):
        return Response({"endpoint": name, "user": request.user.get_username()})


urlpatterns = [
    path("test/endpoints/<str:name>/runs/", EndpointRunView.as_view()),
    path("", include(urls)),
]
