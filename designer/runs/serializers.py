"""Request shapes for runs, and response shapes for the OpenAPI schema."""

from rest_framework import serializers


class SubmitSerializer(serializers.Serializer):
    experiment = serializers.CharField(required=False, allow_blank=True, max_length=200)
    parameters = serializers.DictField(required=False, default=dict)
    force_rerun = serializers.BooleanField(required=False, default=False)
    continue_on_failure = serializers.BooleanField(required=False, default=False)
    partial = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        allow_null=True,
        default=None,
        help_text='Run part of the graph: {"node": id, "scope": "only" | "upto" | "from"}.',
    )


class RerunSerializer(serializers.Serializer):
    failed_only = serializers.BooleanField(required=False, default=True)


class NodeRunSerializer(serializers.Serializer):
    node = serializers.CharField()
    component = serializers.CharField()
    compute = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    reused = serializers.BooleanField()
    params = serializers.DictField()
    outputs = serializers.DictField(child=serializers.IntegerField())
    metrics = serializers.DictField(child=serializers.FloatField())
    progress = serializers.DictField(allow_null=True)
    error = serializers.CharField(allow_null=True)
    traceback = serializers.CharField(allow_null=True)
    max_retries = serializers.IntegerField()
    reused_from = serializers.DictField(allow_null=True)
    reuse = serializers.DictField(allow_null=True)


class RunSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pipeline = serializers.IntegerField()
    pipeline_name = serializers.CharField()
    version = serializers.IntegerField()
    experiment = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class RunSerializer(RunSummarySerializer):
    parameters = serializers.DictField()
    force_rerun = serializers.BooleanField()
    continue_on_failure = serializers.BooleanField()
    partial = serializers.DictField(allow_null=True)
    rerun_of = serializers.IntegerField(allow_null=True)
    graph = serializers.JSONField()
    seq = serializers.IntegerField()
    nodes = NodeRunSerializer(many=True)


class LogLineSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    stream = serializers.CharField()
    line = serializers.CharField()
    time = serializers.DateTimeField()


class LogsSerializer(serializers.Serializer):
    lines = LogLineSerializer(many=True)
    last_seq = serializers.IntegerField()


class ExperimentSerializer(serializers.Serializer):
    name = serializers.CharField()
    run_count = serializers.IntegerField()
    last_run_at = serializers.DateTimeField()
    statuses = serializers.DictField(child=serializers.IntegerField())


class MetricPointSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.FloatField()
    step = serializers.IntegerField(allow_null=True)
    time = serializers.DateTimeField()
