"""Routes of the models app under /api/."""

urlpatterns: list = []
