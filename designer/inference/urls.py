"""Routes of the inference app under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("runs/<int:pk>/inference-pipeline/", views.InferencePipelineView.as_view()),
]
