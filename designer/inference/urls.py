"""Routes of the inference app under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("runs/<int:pk>/inference-pipeline/", views.InferencePipelineView.as_view()),
    path("inference/", views.RealtimeEndpointListView.as_view()),
    path("inference/<str:name>/", views.RealtimeEndpointDetailView.as_view()),
    path("inference/<str:name>/score", views.ScoreView.as_view()),
    path("inference/<str:name>/sample-request/", views.SampleRequestView.as_view()),
    path("inference/<str:name>/stats/", views.StatsView.as_view()),
    path("inference/<str:name>/failures/", views.FailuresView.as_view()),
]
