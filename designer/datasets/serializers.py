"""JSON shapes of datastores, their files, datasets and dataset versions.

Credentials are accepted on writes and never written out: a datastore answers
`has_credentials` and nothing more.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.artifacts.serializers import ScalarField
from designer.pipelines.serializers import ColumnSerializer

from .choices import DatastoreKind, SourceKind
from .models import Dataset, DatasetVersion, Datastore

CREDENTIALS_SCHEMA = {
    "description": 'Write-only. s3: {"access_key", "secret_key"}; http: {"headers": {...}}; '
    "null removes them (PATCH). Never returned.",
    "nullable": True,
    "oneOf": [
        {
            "type": "object",
            "properties": {"access_key": {"type": "string"}, "secret_key": {"type": "string"}},
            "required": ["access_key", "secret_key"],
        },
        {
            "type": "object",
            "properties": {
                "headers": {"type": "object", "additionalProperties": {"type": "string"}}
            },
            "required": ["headers"],
        },
    ],
}


@extend_schema_field(CREDENTIALS_SCHEMA)
class CredentialsField(serializers.JSONField):
    pass


def username(user) -> str | None:
    return user.get_username() if user is not None else None


def workspace_field(what: str) -> serializers.CharField:
    return serializers.CharField(
        source="workspace.name",
        read_only=True,
        allow_null=True,
        help_text=f"The workspace's name; null for a built-in {what}, which every workspace sees",
    )


def new_workspace_field(what: str) -> serializers.CharField:
    return serializers.CharField(
        required=False,
        max_length=64,
        help_text=f"The workspace a new {what} goes to (a contributor's); by default the "
        "request's chosen workspace, else your default one",
    )


class DatastoreSerializer(serializers.ModelSerializer):
    has_credentials = serializers.BooleanField(read_only=True)
    created_by = serializers.SerializerMethodField()
    workspace = workspace_field("datastore")

    class Meta:
        model = Datastore
        fields = [
            "name",
            "workspace",
            "kind",
            "path",
            "bucket",
            "prefix",
            "endpoint_url",
            "url",
            "description",
            "has_credentials",
            "created_by",
            "created_at",
            "updated_at",
        ]

    def get_created_by(self, obj: Datastore) -> str | None:
        return username(obj.created_by)


class DatastoreCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    kind = serializers.ChoiceField(choices=DatastoreKind.choices)
    path = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    bucket = serializers.CharField(required=False, allow_blank=True, max_length=255)
    prefix = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    endpoint_url = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    credentials = CredentialsField(required=False, allow_null=True, write_only=True)
    workspace = new_workspace_field("datastore")


class DatastoreUpdateSerializer(DatastoreCreateSerializer):
    name = None  # type: ignore[assignment]
    kind = None  # type: ignore[assignment]
    workspace = None  # type: ignore[assignment]


class EntrySerializer(serializers.Serializer):
    name = serializers.CharField()
    path = serializers.CharField(help_text="Relative to the datastore")
    kind = serializers.ChoiceField(choices=["file", "folder"])
    size = serializers.IntegerField(allow_null=True)
    modified = serializers.DateTimeField(allow_null=True)


class BrowseSerializer(serializers.Serializer):
    path = serializers.CharField(allow_blank=True)
    entries = EntrySerializer(many=True)
    next = serializers.CharField(
        allow_null=True, help_text="Pass as `?cursor=` for the next page; null on the last."
    )


class FilePreviewSerializer(serializers.Serializer):
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(child=serializers.ListField(child=ScalarField(allow_null=True)))
    row_count = serializers.IntegerField(
        allow_null=True, help_text="null when only the start of a long file was read"
    )


class DatasetSourceSerializer(serializers.Serializer):
    """Where a version came from; the keys present depend on `kind`."""

    kind = serializers.ChoiceField(choices=SourceKind.choices)
    file = serializers.CharField(required=False, help_text="upload: the file's name")
    datastore = serializers.CharField(required=False)
    path = serializers.CharField(required=False, help_text="datastore: the file's path in it")
    run = serializers.IntegerField(required=False)
    pipeline = serializers.IntegerField(required=False)
    node = serializers.CharField(required=False)
    port = serializers.CharField(required=False)
    loader = serializers.CharField(required=False, help_text="sample: what made it")


class DatasetVersionSerializer(serializers.ModelSerializer):
    size = serializers.IntegerField(source="artifact.size")
    row_count = serializers.IntegerField(source="artifact.row_count", allow_null=True)
    schema = serializers.SerializerMethodField()
    created_by = serializers.SerializerMethodField()
    artifact = serializers.IntegerField(source="artifact_id")
    source = DatasetSourceSerializer()

    class Meta:
        model = DatasetVersion
        fields = [
            "version",
            "digest",
            "size",
            "row_count",
            "schema",
            "created_at",
            "created_by",
            "artifact",
            "source",
        ]

    @extend_schema_field(ColumnSerializer(many=True))
    def get_schema(self, obj: DatasetVersion) -> list[dict]:
        return obj.artifact.schema or []

    def get_created_by(self, obj: DatasetVersion) -> str | None:
        return username(obj.created_by)


class RegisteredDatasetVersionSerializer(DatasetVersionSerializer):
    name = serializers.CharField(source="dataset.name")
    workspace = serializers.CharField(
        source="dataset.workspace.name",
        read_only=True,
        allow_null=True,
        help_text="The dataset's workspace; null for a built-in sample",
    )

    class Meta(DatasetVersionSerializer.Meta):
        fields = ["name", "workspace", *DatasetVersionSerializer.Meta.fields]


class DatasetSerializer(serializers.ModelSerializer):
    tags = serializers.ListField(child=serializers.CharField())
    latest_version = serializers.IntegerField(source="latest.version")
    version_count = serializers.IntegerField()
    created_by = serializers.SerializerMethodField()
    latest = DatasetVersionSerializer()
    workspace = workspace_field("sample")

    class Meta:
        model = Dataset
        fields = [
            "name",
            "workspace",
            "description",
            "tags",
            "latest_version",
            "version_count",
            "created_at",
            "updated_at",
            "created_by",
            "latest",
        ]

    def get_created_by(self, obj: Dataset) -> str | None:
        return username(obj.created_by)


class DatasetDetailSerializer(DatasetSerializer):
    versions = serializers.SerializerMethodField()

    class Meta(DatasetSerializer.Meta):
        fields = [*DatasetSerializer.Meta.fields, "versions"]

    @extend_schema_field(DatasetVersionSerializer(many=True))
    def get_versions(self, obj: Dataset) -> list[dict]:
        return DatasetVersionSerializer(self.context["versions"], many=True).data


class DatasetUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.ListField(child=serializers.CharField(max_length=64), required=False)


class DatasetRegisterSerializer(serializers.Serializer):
    """JSON registration: a datastore file (`datastore` + `path`) or a run output (`run` +
    `node` + `port`)."""

    name = serializers.CharField(max_length=64)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.ListField(child=serializers.CharField(max_length=64), required=False)
    datastore = serializers.CharField(required=False, max_length=64)
    path = serializers.CharField(required=False, max_length=1000)
    run = serializers.IntegerField(required=False, min_value=1)
    node = serializers.CharField(required=False, max_length=100)
    port = serializers.CharField(required=False, max_length=100)
    workspace = new_workspace_field("dataset")

    def validate(self, attrs):
        from_store = "datastore" in attrs or "path" in attrs
        from_run = bool({"run", "node", "port"} & set(attrs))
        if from_store == from_run:
            raise serializers.ValidationError(
                "Give either datastore and path, or run, node and port (or upload a file)."
            )
        needed = ("datastore", "path") if from_store else ("run", "node", "port")
        missing = [f for f in needed if f not in attrs]
        if missing:
            raise serializers.ValidationError(f"Also give {', '.join(missing)}.")
        return attrs


class DatasetUploadSerializer(serializers.Serializer):
    """Multipart registration of a file from the browser."""

    file = serializers.FileField()
    name = serializers.CharField(max_length=64)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text='A JSON list (["a", "b"]) or comma-separated text (a, b)',
    )
    workspace = new_workspace_field("dataset")
