"""Routes of the imports app under /api/."""

urlpatterns: list = []
