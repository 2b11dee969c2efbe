"""Routes of the inference app under /api/."""

urlpatterns: list = []
