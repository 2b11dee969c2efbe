"""Per-minute counts and latency histograms in memory, and percentiles read back from them."""

import pytest

from designer.inference.serving.stats import (
    Failure,
    Recorder,
    bin_of,
    bin_value,
    merge,
    percentile,
)


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_bin_stands_for_latencies_within_five_percent():
    for ms in (0.3, 1.0, 4.2, 17.0, 250.0, 9000.0):
        assert abs(bin_value(bin_of(ms)) - ms) / ms < 0.05


def test_percentiles_of_a_histogram():
    latencies = [float(i) for i in range(1, 101)]  # 1..100 ms
    histogram = merge([{bin_of(ms): 1} for ms in latencies])
    assert percentile(histogram, 0.5) == pytest.approx(50, rel=0.05)
    assert percentile(histogram, 0.95) == pytest.approx(95, rel=0.05)
    assert percentile({}, 0.5) is None


def test_histograms_of_several_processes_add_up():
    one = {bin_of(2.0): 90}
    other = {bin_of(40.0): 10}
    merged = merge([one, other, {str(bin_of(2.0)): 10}])  # stored rows have text keys
    assert merged == {bin_of(2.0): 100, bin_of(40.0): 10}


def test_the_recorder_counts_per_endpoint_deployment_and_minute():
    clock = Clock(600.0)
    recorder = Recorder(clock)
    recorder.record(1, "blue", True, 3.0)
    recorder.record(1, "blue", False, 0.0)
    recorder.record(1, "green", True, 5.0)
    clock.now = 661.0
    recorder.record(1, "blue", True, 4.0)
    taken = recorder.take()
    assert {k: (b.count, b.errors) for k, b in taken.buckets.items()} == {
        (1, "blue", 600): (2, 1),
        (1, "green", 600): (1, 0),
        (1, "blue", 660): (1, 0),
    }
    assert sum(taken.buckets[(1, "blue", 600)].latencies.values()) == 1  # errors: no latency


def test_take_hands_over_only_what_changed_with_running_totals():
    clock = Clock(600.0)
    recorder = Recorder(clock)
    recorder.record(1, "blue", True, 3.0)
    recorder.take()
    assert recorder.take().buckets == {}
    recorder.record(1, "blue", True, 3.0)
    assert recorder.take().buckets[(1, "blue", 600)].count == 2  # the minute's total so far


def test_a_failed_flush_gives_its_minutes_and_failures_back():
    clock = Clock(600.0)
    recorder = Recorder(clock)
    recorder.record(1, "blue", True, 3.0)
    recorder.fail(Failure(1, "blue", 600.0, 400, "bad_value", "Row 0 ...", ["age"]))
    taken = recorder.take()
    clock.now = 900.0  # the minute is forgotten once taken, being old
    recorder.give_back(taken)
    again = recorder.take()
    assert again.buckets[(1, "blue", 600)].count == 1
    assert [f.code for f in again.failures] == ["bad_value"]


def test_failures_past_the_cap_are_counted_not_kept():
    recorder = Recorder(Clock(0.0))
    for _ in range(1005):
        recorder.fail(Failure(1, "", 0.0, 400, "bad_body", "m", []))
    taken = recorder.take()
    assert len(taken.failures) == 1000 and taken.dropped_failures == 5
