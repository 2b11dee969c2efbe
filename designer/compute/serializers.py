"""JSON shapes of compute targets and workers."""

from rest_framework import serializers

from .models import ComputeTarget


class WorkerSerializer(serializers.Serializer):
    name = serializers.CharField()
    host = serializers.CharField()
    pid = serializers.IntegerField()
    threads = serializers.IntegerField()
    gpus = serializers.IntegerField(help_text="GPUs the worker's machine offers; 0: CPU only")
    busy = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    last_seen = serializers.DateTimeField()


class ComputeTargetSerializer(serializers.ModelSerializer):
    resources = serializers.JSONField(required=False)

    class Meta:
        model = ComputeTarget
        fields = ["name", "description", "resources", "concurrency", "network_installs", "network"]
        # A duplicate name is a conflict (409) raised by the service, not a 400.
        extra_kwargs = {
            "concurrency": {"min_value": 1, "max_value": 1024},
            "name": {"validators": []},
        }


class ComputeTargetStatusSerializer(ComputeTargetSerializer):
    queue_length = serializers.IntegerField(read_only=True)
    workers = WorkerSerializer(many=True, read_only=True)
    hints = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="What does not match the target's declaration, like a GPU target served "
        "only by workers without a GPU",
    )

    class Meta(ComputeTargetSerializer.Meta):
        fields = ComputeTargetSerializer.Meta.fields + ["queue_length", "workers", "hints"]
