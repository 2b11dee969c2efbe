"""Routes of the datastore and dataset API, mounted under /api/ by designer/urls.py."""

from django.urls import path

from . import views

VERSION = "datasets/<str:name>/versions/<int:version>/"

urlpatterns = [
    path("datastores/", views.DatastoreListView.as_view()),
    path("datastores/<str:name>/", views.DatastoreDetailView.as_view()),
    path("datastores/<str:name>/browse/", views.DatastoreBrowseView.as_view()),
    path("datastores/<str:name>/preview/", views.DatastorePreviewView.as_view()),
    path("datasets/", views.DatasetListView.as_view()),
    path("datasets/<str:name>/", views.DatasetDetailView.as_view()),
    path(VERSION, views.DatasetVersionView.as_view()),
    path(f"{VERSION}preview/", views.DatasetVersionPreviewView.as_view()),
    path(f"{VERSION}profile/", views.DatasetVersionProfileView.as_view()),
    path(f"{VERSION}download/", views.DatasetVersionDownloadView.as_view()),
]
