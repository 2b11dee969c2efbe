"""Micro-batching and the traffic split, without a server or a scoring process: the scorer
here is a function that predicts the sum of each row's values and records what it was sent."""

import asyncio

import pytest

from designer.inference.serving.batching import Batcher
from designer.inference.serving.errors import RowsRefused, ScorerUnavailable
from designer.inference.serving.traffic import TrafficSplit


class Scorer:
    """Predicts x + y for each row; refuses a batch holding a negative x; holds each batch
    until released, so a test decides what is queued meanwhile."""

    def __init__(self, hold: bool = False) -> None:
        self.batches: list[int] = []
        self.hold = hold
        self.release = asyncio.Event()
        self.broken: Exception | None = None

    async def __call__(self, columns):
        self.batches.append(len(columns["x"]))
        if self.hold:
            await self.release.wait()
        if self.broken is not None:
            raise self.broken
        if any(x < 0 for x in columns["x"]):
            raise RowsRefused("negative x", node="sum", error="ValueError")
        sums = [x + y for x, y in zip(columns["x"], columns["y"], strict=True)]
        return {"predictions": sums, "probabilities": [s / 100 for s in sums]}


def rows(*pairs):
    return {"x": [p[0] for p in pairs], "y": [p[1] for p in pairs]}, len(pairs)


def test_a_lone_request_is_scored_at_once():
    async def scenario():
        scorer = Scorer()
        batcher = Batcher(scorer, max_rows=100)
        answer = await batcher.submit(*rows((1, 2), (3, 4)))
        return scorer.batches, answer

    batches, answer = asyncio.run(scenario())
    assert batches == [2]
    assert answer == {"predictions": [3, 7], "probabilities": [0.03, 0.07]}


def test_requests_queued_while_the_scorer_works_go_as_one_batch_and_get_their_own_rows():
    async def scenario():
        scorer = Scorer(hold=True)
        batcher = Batcher(scorer, max_rows=100)
        first = batcher.submit(*rows((0, 0)))
        await asyncio.sleep(0)  # the first batch is now with the scorer
        waiting = [batcher.submit(*rows(*[(i, j) for j in range(i)])) for i in range(1, 6)]
        scorer.release.set()
        answers = await asyncio.gather(first, *waiting)
        return scorer.batches, answers

    batches, answers = asyncio.run(scenario())
    assert batches == [1, 1 + 2 + 3 + 4 + 5]
    assert answers[0]["predictions"] == [0]
    for i, answer in enumerate(answers[1:], start=1):
        assert answer["predictions"] == [i + j for j in range(i)]
        assert answer["probabilities"] == [(i + j) / 100 for j in range(i)]


def test_a_batch_stops_at_the_row_limit():
    async def scenario():
        scorer = Scorer(hold=True)
        batcher = Batcher(scorer, max_rows=5)
        futures = [batcher.submit(*rows((1, 1), (1, 1))) for _ in range(4)]
        scorer.release.set()
        await asyncio.gather(*futures)
        return scorer.batches

    assert asyncio.run(scenario()) == [4, 4]  # a third request of 2 would pass 5


def test_bad_rows_in_a_batch_fail_only_the_request_that_sent_them():
    async def scenario():
        scorer = Scorer(hold=True)
        batcher = Batcher(scorer, max_rows=100)
        blocker = batcher.submit(*rows((0, 0)))
        await asyncio.sleep(0)
        good = batcher.submit(*rows((1, 1)))
        bad = batcher.submit(*rows((-1, 1)))
        other = batcher.submit(*rows((2, 2)))
        scorer.release.set()
        return await asyncio.gather(blocker, good, bad, other, return_exceptions=True)

    _, good, bad, other = asyncio.run(scenario())
    assert good == {"predictions": [2], "probabilities": [0.02]}
    assert isinstance(bad, RowsRefused)
    assert other == {"predictions": [4], "probabilities": [0.04]}


def test_a_scorer_that_stopped_fails_every_request_of_its_batch():
    async def scenario():
        scorer = Scorer(hold=True)
        batcher = Batcher(scorer, max_rows=100)
        blocker = batcher.submit(*rows((0, 0)))
        await asyncio.sleep(0)
        scorer.broken = ScorerUnavailable("stopped")
        queued = [batcher.submit(*rows((1, 1))) for _ in range(3)]
        scorer.release.set()
        return scorer, await asyncio.gather(blocker, *queued, return_exceptions=True)

    scorer, results = asyncio.run(scenario())
    assert all(isinstance(r, ScorerUnavailable) for r in results)
    assert scorer.batches == [1, 3]  # not retried one by one


def test_drain_returns_once_everything_queued_is_answered():
    async def scenario():
        scorer = Scorer(hold=True)
        batcher = Batcher(scorer, max_rows=100)
        futures = [batcher.submit(*rows((1, 1))) for _ in range(3)]
        drained = asyncio.ensure_future(batcher.drain())
        await asyncio.sleep(0.01)
        assert not drained.done()
        scorer.release.set()
        await drained
        return all(f.done() for f in futures)

    assert asyncio.run(scenario())


def test_requests_whose_caller_went_away_are_not_sent():
    async def scenario():
        scorer = Scorer(hold=True)
        batcher = Batcher(scorer, max_rows=100)
        blocker = batcher.submit(*rows((0, 0)))
        await asyncio.sleep(0)
        gone = batcher.submit(*rows((5, 5), (5, 5)))
        kept = batcher.submit(*rows((1, 1)))
        gone.cancel()
        scorer.release.set()
        await asyncio.gather(blocker, kept)
        return scorer.batches

    assert asyncio.run(scenario()) == [1, 1]


def test_an_80_20_split_is_exact_over_any_whole_cycle():
    split = TrafficSplit({"blue": 80, "green": 20})
    chosen = [split.choose() for _ in range(1000)]
    assert chosen.count("blue") == 800 and chosen.count("green") == 200
    # Smooth: the minority is spread out, never served in a run.
    assert all(chosen[i : i + 5].count("green") == 1 for i in range(0, 1000, 5))


@pytest.mark.parametrize("weights", [{"a": 50, "b": 30, "c": 20}, {"a": 1, "b": 99}])
def test_any_split_gives_each_its_share(weights):
    split = TrafficSplit(weights)
    chosen = [split.choose() for _ in range(100 * 7)]
    assert {name: chosen.count(name) for name in weights} == {
        name: share * 7 for name, share in weights.items()
    }


def test_deployments_at_zero_are_never_chosen_and_no_traffic_chooses_none():
    split = TrafficSplit({"blue": 100, "green": 0})
    assert {split.choose() for _ in range(10)} == {"blue"}
    assert TrafficSplit({"blue": 0}).choose() is None
