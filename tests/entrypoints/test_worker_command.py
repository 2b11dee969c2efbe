"""`manage.py worker` refuses, before it serves anything, what would fail each node later."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_a_worker_with_an_unusable_artifact_store_does_not_start(settings):
    settings.DESIGNER_ARTIFACTS = "ftp://files.example.org/artifacts"
    with pytest.raises(CommandError, match="DESIGNER_ARTIFACTS='ftp://"):
        call_command("worker", compute="default")


def test_a_worker_for_an_unknown_target_does_not_start():
    with pytest.raises(CommandError, match="No compute target 'nowhere'; known targets: default"):
        call_command("worker", compute="nowhere")
