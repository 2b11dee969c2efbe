"""Routes of the imports app under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.ImportView.as_view()),
    path("pipelines/<int:pk>/export/azureml/", views.AzureExportView.as_view()),
]
