"""Routes of the datasets app under /api/."""

urlpatterns: list = []
