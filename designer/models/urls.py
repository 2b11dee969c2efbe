"""Routes of the models app under /api/: the registry, and the lineage of models, runs and
dataset versions (the other dataset routes are the datasets app's)."""

from django.urls import path

from . import views

urlpatterns = [
    path("models/", views.ModelListView.as_view()),
    path("models/<str:name>/", views.ModelDetailView.as_view()),
    path("models/<str:name>/versions/<int:version>/", views.ModelVersionView.as_view()),
    path("models/<str:name>/versions/<int:version>/download/", views.ModelDownloadView.as_view()),
    path("models/<str:name>/versions/<int:version>/lineage/", views.ModelLineageView.as_view()),
    path("models/<str:name>/aliases/<str:alias>/", views.AliasView.as_view()),
    path("runs/<int:pk>/lineage/", views.RunLineageView.as_view()),
    path("datasets/<str:name>/versions/<int:version>/lineage/", views.DatasetLineageView.as_view()),
]
