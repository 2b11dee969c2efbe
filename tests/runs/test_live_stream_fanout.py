"""The live run stream at scale: the viewers of a run in one process share one subscription
to the run's group and the snapshot reads of viewers connecting together; a burst of viewers
joining a streaming run misses and repeats nothing (on the real Redis channel layer too); a
viewer that asks for batches gets what waits for it at once as one message. The real
consumers, routing, publisher and event log, as the server runs them."""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from django.db import transaction

from designer.accounts.acting import SYSTEM
from designer.realtime import consumers
from designer.realtime.publisher import group_name, publisher
from designer.runs import events, orchestrator
from tests.pipelines.factories import graph, node, pipeline

# The fixtures `people` (ada and grace, with their workspaces) and `registry`, and the socket.
from tests.runs.test_workspace_streams import people, registry, socket  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

LOADER = graph([node("load", "sample_dataset@1.0.0", {"dataset": "iris"})])


def log_lines(run_id: int, first: int, count: int) -> None:
    """`count` log events in one commit (one message to the run's group)."""
    with transaction.atomic():
        events.record_many(
            run_id,
            [
                ("log", {"node": "load", "stream": "stdout", "line": f"line {i}"}, "load")
                for i in range(first, first + count)
            ],
        )


async def stream_of(viewer, until_seq: int) -> tuple[int, list[int]]:
    """The snapshot's seq and the seqs of every event after it, up to `until_seq`."""
    snapshot = await viewer.receive_json_from(timeout=20)
    assert snapshot["type"] == "snapshot"
    seqs: list[int] = []
    last = snapshot["seq"]
    while last < until_seq:
        message = await viewer.receive_json_from(timeout=20)
        batch = message["events"] if message["type"] == "batch" else [message]
        seqs += [event["seq"] for event in batch]
        last = seqs[-1]
    return snapshot["seq"], seqs


def test_viewers_of_a_run_share_one_subscription_and_the_snapshot_reads(people, monkeypatch):  # noqa: F811
    run = orchestrator.submit_run(SYSTEM, pipeline(LOADER, "watched").pk)
    reads = []
    describe = consumers.describe_run
    monkeypatch.setattr(consumers, "describe_run", lambda r: reads.append(r.pk) or describe(r))
    viewers_count = 20

    async def scenario():
        publisher.attach(asyncio.get_running_loop())
        layer = get_channel_layer()
        viewers = [socket(people["ada"], f"/ws/runs/{run.pk}/") for _ in range(viewers_count)]
        answers = await asyncio.gather(*(viewer.connect() for viewer in viewers))
        assert all(connected for connected, _ in answers)
        members = len(layer.groups.get(group_name(run.pk), {}))
        # The channels the in-memory layer holds a receiver for (and walks on every send).
        receiving = len(layer.channels)
        await database_sync_to_async(log_lines)(run.pk, 0, 5)
        last = await database_sync_to_async(lambda: type(run).objects.get(pk=run.pk).last_seq)()
        texts = []
        for viewer in viewers:
            snapshot = await viewer.receive_json_from()
            assert snapshot["type"] == "snapshot"
            texts.append([(await viewer.receive_output(5))["text"] for _ in range(5)])
        for viewer in viewers:
            await viewer.disconnect()
        await asyncio.sleep(0)  # leaving the group runs on a task of its own
        left = len(layer.groups.get(group_name(run.pk), {}))
        return members, receiving, last, texts, left

    members, receiving, last, texts, left = asyncio.run(scenario())
    # One channel in the run's group for the process, however many viewers it has here,
    # and no channel of a viewer's own.
    assert members == 1
    assert receiving == 1
    assert left == 0
    # Viewers that connect together wait for the same snapshot read.
    assert 1 <= len(reads) < viewers_count // 2
    # Every viewer got the same five texts, in order.
    assert all(t == texts[0] for t in texts)
    assert [json.loads(t)["seq"] for t in texts[0]] == list(range(last - 4, last + 1))


def test_a_viewer_asking_for_batches_gets_what_waits_at_once_as_one_message(people):  # noqa: F811
    run = orchestrator.submit_run(SYSTEM, pipeline(LOADER, "batched").pk)

    async def scenario():
        publisher.attach(asyncio.get_running_loop())
        batched = socket(people["ada"], f"/ws/runs/{run.pk}/", query=b"batch=1")
        single = socket(people["ada"], f"/ws/runs/{run.pk}/")
        assert (await batched.connect())[0] and (await single.connect())[0]
        snapshots = [await batched.receive_json_from(), await single.receive_json_from()]
        await database_sync_to_async(log_lines)(run.pk, 0, 50)
        batch = await batched.receive_json_from()
        one_by_one = [await single.receive_json_from() for _ in range(50)]
        nothing_more = await batched.receive_nothing(timeout=0.5)
        await batched.disconnect()
        await single.disconnect()
        return snapshots, batch, one_by_one, nothing_more

    snapshots, batch, one_by_one, nothing_more = asyncio.run(scenario())
    assert snapshots[0]["seq"] == snapshots[1]["seq"]
    first = snapshots[0]["seq"] + 1
    assert batch["type"] == "batch" and nothing_more
    assert [e["seq"] for e in batch["events"]] == list(range(first, first + 50))
    assert batch["seq"] == first + 49
    # Each event in the batch exactly as it comes alone.
    assert batch["events"] == one_by_one


@pytest.fixture(params=["memory", "redis"])
def channel_layer(request, settings, tmp_path):
    """The in-memory channel layer (embedded) or a real Redis one (distributed)."""
    if request.param == "memory":
        yield
        return
    from tests.support.distributed import RedisServer

    redis = RedisServer(tmp_path)
    redis.start()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis.url], "capacity": 1000},
        }
    }
    channel_layers.backends.clear()
    try:
        yield
    finally:
        channel_layers.backends.clear()
        redis.stop()


def test_a_burst_joining_a_streaming_run_misses_and_repeats_nothing(people, channel_layer):  # noqa: F811
    run = orchestrator.submit_run(SYSTEM, pipeline(LOADER, "burst").pk)
    lines, burst = 120, 30

    async def scenario():
        loop = asyncio.get_running_loop()
        publisher.attach(loop)
        first = socket(people["ada"], f"/ws/runs/{run.pk}/")
        assert (await first.connect())[0]
        started = asyncio.Event()

        async def stream() -> None:
            # A line per commit, each on the database thread the viewers' reads queue on too,
            # so the burst's snapshots fall between the lines.
            for i in range(lines):
                await database_sync_to_async(log_lines)(run.pk, i, 1)
                if i == lines // 4:
                    started.set()

        printing = asyncio.ensure_future(stream())
        await started.wait()
        newcomers = [
            socket(people["ada"], f"/ws/runs/{run.pk}/", query=b"batch=1" if i % 2 else b"")
            for i in range(burst)
        ]
        answers = await asyncio.gather(*(viewer.connect() for viewer in newcomers))
        assert all(connected for connected, _ in answers)
        await printing
        last = await database_sync_to_async(lambda: type(run).objects.get(pk=run.pk).last_seq)()
        streams = await asyncio.gather(*(stream_of(v, last) for v in [first, *newcomers]))
        for viewer in [first, *newcomers]:
            await viewer.disconnect()
        return last, streams

    last, streams = asyncio.run(scenario())
    joined_during = 0
    for snapshot_seq, seqs in streams:
        # Every event after the viewer's snapshot, once each, in order.
        assert seqs == list(range(snapshot_seq + 1, last + 1))
        joined_during += snapshot_seq > streams[0][0]
    assert joined_during, "the burst must join while the run streams"


def test_a_long_lived_subscription_renews_its_group_membership(people, monkeypatch):  # noqa: F811
    """Channel layers drop a group member after `group_expiry`; the process's one channel
    joins again before that, so a runs list left open keeps hearing of runs."""
    from designer.realtime import fanout

    monkeypatch.setattr(fanout, "REJOIN_SECONDS", 0.05)
    run = orchestrator.submit_run(SYSTEM, pipeline(LOADER, "long watched").pk)

    async def scenario():
        publisher.attach(asyncio.get_running_loop())
        layer = get_channel_layer()
        viewer = socket(people["ada"], f"/ws/runs/{run.pk}/")
        connected, _ = await viewer.connect()
        assert connected
        members = layer.groups[group_name(run.pk)]
        ((channel, joined_at),) = members.items()
        for _ in range(200):  # up to 10 s of renewals at 0.05 s
            await asyncio.sleep(0.05)
            if members.get(channel, joined_at) > joined_at:
                break
        renewed = members.get(channel, joined_at) > joined_at
        await viewer.disconnect()
        return renewed

    assert asyncio.run(scenario())
