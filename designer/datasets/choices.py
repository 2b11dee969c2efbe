"""The kinds of datastores and of the places a dataset version came from."""

from django.db import models


class DatastoreKind(models.TextChoices):
    LOCAL = "local"  # a folder on the server, under one of DESIGNER_DATA_ROOTS
    S3 = "s3"  # a bucket (and prefix) of any S3-compatible service
    HTTP = "http"  # files under a base URL, read-only


class SourceKind(models.TextChoices):
    UPLOAD = "upload"  # a file sent from the browser
    DATASTORE = "datastore"  # a file of a registered datastore
    RUN = "run"  # an output of a node run
    SAMPLE = "sample"  # one of the built-in samples, made at start-up
