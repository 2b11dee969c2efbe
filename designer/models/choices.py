"""Where a model version came from, as database and API choices."""

from django.db import models


class VersionSource(models.TextChoices):
    RUN = "run"  # a node output of a run
    UPLOAD = "upload"  # a pickle uploaded from outside
