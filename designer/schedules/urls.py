"""Routes of the schedule and trigger API, mounted under /api/ by designer/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("schedules/", views.ScheduleListView.as_view()),
    path("schedules/<int:pk>/", views.ScheduleDetailView.as_view()),
    path("schedules/<int:pk>/run-now/", views.ScheduleRunNowView.as_view()),
    path("triggers/", views.TriggerListView.as_view()),
    path("triggers/<int:pk>/", views.TriggerDetailView.as_view()),
]
