"""URL map: the API under /api/, the built frontend everywhere else."""

from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponse, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView

from designer.accounts import views as accounts
from designer.artifacts import views as artifacts
from designer.compute import views as compute
from designer.endpoints import views as endpoints
from designer.pipelines import views as pipelines
from designer.registry import views as registry
from designer.runs import views as runs


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def frontend(request, *args, **kwargs):
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The frontend is not built yet: run `npm ci && npm run build` (or `make run`).",
            status=503,
            content_type="text/plain",
        )
    return FileResponse(index.open("rb"), content_type="text/html")


# Exempt from the CSRF check: it changes nothing, and a session's POST to a mistyped path
# should hear this JSON 404 rather than Django's HTML CSRF page.
@csrf_exempt
def api_not_found(request, *args, **kwargs):
    return JsonResponse(
        {"code": "not_found", "message": f"No API endpoint at {request.path}."}, status=404
    )


api = [
    path("health/", health),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("auth/token/", accounts.TokenView.as_view()),
    path("auth/login/", accounts.LoginView.as_view()),
    path("auth/logout/", accounts.LogoutView.as_view()),
    path("auth/me/", accounts.MeView.as_view()),
    path("tokens/", accounts.ApiTokenListView.as_view()),
    path("tokens/<int:pk>/", accounts.ApiTokenDetailView.as_view()),
    path("workspaces/", accounts.WorkspaceListView.as_view()),
    path("workspaces/<slug:name>/", accounts.WorkspaceDetailView.as_view()),
    path("workspaces/<slug:name>/members/", accounts.MemberListView.as_view()),
    path("workspaces/<slug:name>/members/<str:username>/", accounts.MemberDetailView.as_view()),
    path("components/", registry.ComponentListView.as_view()),
    path("components/categories/", registry.CategoryListView.as_view()),
    path("components/<str:name>/", registry.ComponentDetailView.as_view()),
    path("components/<str:name>/versions/<str:version>/", registry.ComponentVersionView.as_view()),
    path("pipelines/", pipelines.PipelineListView.as_view()),
    path("pipelines/<int:pk>/", pipelines.PipelineDetailView.as_view()),
    path("pipelines/<int:pk>/validate/", pipelines.PipelineValidateView.as_view()),
    path("pipelines/<int:pk>/schemas/", runs.PipelineSchemasView.as_view()),
    path("pipelines/<int:pk>/export/", pipelines.PipelineExportView.as_view()),
    path("pipelines/<int:pk>/clone/", pipelines.PipelineCloneView.as_view()),
    path("pipelines/import/", pipelines.PipelineImportView.as_view()),
    path("pipelines/samples/", pipelines.SampleListView.as_view()),
    path("pipelines/samples/<str:key>/clone/", pipelines.SampleCloneView.as_view()),
    path("pipelines/<int:pk>/runs/", runs.SubmitRunView.as_view()),
    path("pipelines/<int:pk>/versions/", pipelines.PipelineVersionListView.as_view()),
    path(
        "pipelines/<int:pk>/versions/<int:number>/", pipelines.PipelineVersionDetailView.as_view()
    ),
    path("pipelines/<int:pk>/publish/", endpoints.PublishView.as_view()),
    path("endpoints/", endpoints.EndpointListView.as_view()),
    path("endpoints/<str:name>/", endpoints.EndpointDetailView.as_view()),
    path("endpoints/<str:name>/runs/", endpoints.EndpointRunView.as_view()),
    path("endpoints/<str:name>/versions/<int:version>/runs/", endpoints.EndpointRunView.as_view()),
    path("", include("designer.schedules.urls")),
    path("", include("designer.datasets.urls")),
    path("", include("designer.models.urls")),
    path("", include("designer.inference.urls")),
    path("", include("designer.imports.urls")),
    path("runs/", runs.RunListView.as_view()),
    path("runs/<int:pk>/", runs.RunDetailView.as_view()),
    path("runs/<int:pk>/cancel/", runs.CancelRunView.as_view()),
    path("runs/<int:pk>/rerun/", runs.RerunView.as_view()),
    path("runs/<int:pk>/open-as-pipeline/", runs.OpenAsPipelineView.as_view()),
    path("runs/<int:pk>/compare-draft/", runs.DraftDiffView.as_view()),
    path("runs/<int:pk>/nodes/<str:node>/logs/", runs.NodeLogsView.as_view()),
    path("runs/<int:pk>/nodes/<str:node>/metrics/", runs.NodeMetricsView.as_view()),
    path("experiments/", runs.ExperimentListView.as_view()),
    path("compute/", compute.ComputeListView.as_view()),
    path("compute/<slug:name>/", compute.ComputeDetailView.as_view()),
    path("artifacts/<int:pk>/", artifacts.ArtifactView.as_view()),
    path("artifacts/<int:pk>/preview/", artifacts.ArtifactPreviewView.as_view()),
    path("artifacts/<int:pk>/profile/", artifacts.ArtifactProfileView.as_view()),
    path("artifacts/<int:pk>/download/", artifacts.ArtifactDownloadView.as_view()),
    # (?s): a path holding a newline is an unknown path too, not Django's HTML 404.
    re_path(r"(?s)^.*$", api_not_found),
]

urlpatterns = [
    path("api/", include(api)),
    re_path(r"(?s)^(?!api/|ws/|static/).*$", frontend),
]
