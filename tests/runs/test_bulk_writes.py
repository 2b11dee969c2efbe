"""Big writes go around `bulk_create` (runs/inserts.py): the rows they leave are the rows
`bulk_create` would, every event of a big cancel is in the log with its own seq and the very
payload viewers are sent, and a run's description is the same read either way."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from designer.accounts.acting import SYSTEM
from designer.registry.models import Component
from designer.registry.services import register_folder
from designer.runs import events, inserts, orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, RunEvent
from tests.pipelines.factories import graph, node, pipeline

pytestmark = pytest.mark.django_db

NOOP = Path(__file__).resolve().parents[2] / "bench" / "components" / "noop"
COMPONENT = "bench_noop@1.0.0"


@pytest.fixture
def noop(builtins):
    register_folder(SYSTEM, NOOP)


@pytest.fixture
def strict(settings):
    settings.DESIGNER_STRICT_EVENTS = True


def wide(width: int) -> dict:
    return graph([node(f"w{i}", COMPONENT, {"tag": f"t{i}"}) for i in range(width)])


def columns(node_run: NodeRun) -> dict:
    fields = [f.attname for f in NodeRun._meta.concrete_fields if f.attname != "id"]
    return {name: getattr(node_run, name) for name in fields}


def test_inserted_node_runs_read_back_as_bulk_created_ones(noop):
    run = orchestrator.submit_run(SYSTEM, pipeline(wide(1)).pk)
    component = Component.objects.get(name="bench_noop")
    now = timezone.now()

    def made(node_id: str) -> dict:
        # Every kind of column: JSON objects, JSON null kept as SQL NULL, a JSON list and
        # text, times, numbers, booleans, foreign keys, text with quotes and tabs; the rest
        # left to their defaults.
        return dict(
            run_id=run.pk,
            node_id=node_id,
            component_id=component.pk,
            compute="default",
            status=NodeStatus.COMPLETED,
            params={"tag": "a\tb 'q' \"d\"", "n": 1.5, "list": [1, None, "x"]},
            outputs={"data": 7},
            cache_parts=None,
            reuse_info={"reused": False, "reason": "first_run", "changes": [], "message": ""},
            progress={"current": 1, "total": 2},
            error="line one\nline two\\",
            reuse_allowed=False,
            max_retries=3,
            timeout=60,
            started_at=now,
            finished_at=now,
        )

    NodeRun.objects.bulk_create([NodeRun(**made("by_django"))])
    inserts.insert(NodeRun, [made("inserted")])
    django_row = NodeRun.objects.get(run=run, node_id="by_django")
    inserted = NodeRun.objects.get(run=run, node_id="inserted")
    expected = {**columns(django_row), "node_id": "inserted"}
    assert columns(inserted) == expected
    assert NodeRun.objects.filter(node_id="inserted", cache_parts__isnull=True).exists()


def test_a_big_cancel_records_every_event_once_with_its_own_seq(
    noop, strict, django_capture_on_commit_callbacks
):
    run = orchestrator.submit_run(SYSTEM, pipeline(wide(300)).pk)
    before = run.last_seq
    sent = []

    def note(sender, run_id, events, texts, **_):
        sent.append((run_id, events, texts))

    events.events_committed.connect(note)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            orchestrator.cancel_run(SYSTEM, run.pk)
    finally:
        events.events_committed.disconnect(note)
    run.refresh_from_db()
    rows = list(RunEvent.objects.filter(run=run, seq__gt=before).order_by("seq"))
    # 300 node events and the run's own, numbered on from the submit's without a gap.
    assert [row.seq for row in rows] == list(range(before + 1, run.last_seq + 1))
    assert len(rows) == 301
    nodes = [row for row in rows if row.type == "node"]
    assert sorted(row.node_id for row in nodes) == sorted(f"w{i}" for i in range(300))
    for row in nodes:
        assert row.payload["seq"] == row.seq and row.payload["type"] == "node"
        assert row.payload["node"] == row.node_id
        assert row.payload["status"] == NodeStatus.CANCELED
        assert row.payload["error"] == "Canceled by a user."
        assert row.payload["finished_at"] is not None
        assert row.created_at is not None
    assert rows[-1].type == "run" and rows[-1].payload["status"] == "canceled"
    # Viewers are sent exactly what the log holds, and its JSON is that of each event.
    published = [event for run_id, batch, _ in sent if run_id == run.pk for event in batch]
    assert published == [row.payload for row in rows]
    for _, batch, texts in sent:
        assert [json.loads(text) for text in texts] == batch


def test_a_cancel_moves_only_the_open_node_runs_and_keeps_their_other_columns(noop, strict):
    run = orchestrator.submit_run(SYSTEM, pipeline(wide(3)).pk)
    params = {n.node_id: n.params for n in run.node_runs.all()}
    orchestrator.cancel_run(SYSTEM, run.pk)
    for node_run in run.node_runs.all():
        assert node_run.status == NodeStatus.CANCELED
        assert node_run.error == "Canceled by a user."
        assert node_run.params == params[node_run.node_id]
