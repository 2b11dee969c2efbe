"""The run's next actions and the retry policy, table by table, without a database."""

import pytest

from designer.kernel.progress import (
    RUN_STOPPED,
    UPSTREAM_DID_NOT_FINISH,
    Action,
    Cause,
    Node,
    RetryPolicy,
    RunView,
    next_actions,
    ready,
    reuse_blocker,
)

CHAIN = [("a", "b"), ("b", "c")]
FORK = [("a", "b"), ("a", "c")]  # b and c are independent branches below a
JOIN = [("a", "c"), ("b", "c")]


def view(states: str, edges, continue_on_failure=False, blocked=()) -> RunView:
    """`states` like "a=completed b=pending"."""
    nodes = {}
    for item in states.split():
        name, status = item.split("=")
        nodes[name] = Node(status, "disabled" if name in blocked else None)
    return RunView(nodes, edges, continue_on_failure)


def acts(actions: list[Action]) -> set[tuple]:
    return {(a.act.value, a.node or a.status) for a in actions}


@pytest.mark.parametrize(
    ("states", "edges", "expected"),
    [
        # a fresh chain: only the root can start
        ("a=pending b=pending c=pending", CHAIN, {("queue", "a")}),
        # a running parent holds its children back
        ("a=running b=pending c=pending", CHAIN, set()),
        # a completed or reused parent lets the child start
        ("a=completed b=pending c=pending", CHAIN, {("queue", "b")}),
        ("a=reused b=reused c=pending", CHAIN, {("queue", "c")}),
        # a join waits for every parent
        ("a=completed b=running c=pending", JOIN, set()),
        ("a=completed b=reused c=pending", JOIN, {("queue", "c")}),
        # independent roots start together
        ("a=pending b=pending c=pending", JOIN, {("queue", "a"), ("queue", "b")}),
        # a failed parent stops the run: everything pending or queued is skipped
        ("a=failed b=pending c=pending", CHAIN, {("skip", "b"), ("skip", "c")}),
        ("a=completed b=failed c=queued", FORK, {("skip", "c")}),
        # a skipped or canceled parent skips its child
        ("a=skipped b=pending c=pending", CHAIN, {("skip", "b")}),
        ("a=canceled b=pending c=pending", CHAIN, {("skip", "b")}),
        # all final: the run finishes, with the status its nodes say
        ("a=completed b=reused c=completed", CHAIN, {("finish", "completed")}),
        ("a=completed b=failed c=skipped", CHAIN, {("finish", "failed")}),
        ("a=completed b=canceled c=canceled", CHAIN, {("finish", "canceled")}),
        # a run still working is neither finished nor moved
        ("a=completed b=running c=queued", FORK, set()),
    ],
)
def test_next_actions(states, edges, expected):
    assert acts(next_actions(view(states, edges))) == expected


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        # with continue_on_failure the independent branch goes on...
        ("a=completed b=failed c=pending", {("queue", "c")}),
        ("a=completed b=failed c=queued", set()),
        # ...and the run fails once it is done
        ("a=completed b=failed c=completed", {("finish", "failed")}),
    ],
)
def test_continue_on_failure_keeps_independent_branches(states, expected):
    assert acts(next_actions(view(states, FORK, continue_on_failure=True))) == expected


def test_a_node_below_a_failure_is_skipped_even_when_continuing():
    actions = next_actions(view("a=failed b=pending c=pending", CHAIN, continue_on_failure=True))
    assert acts(actions) == {("skip", "b")}
    assert actions[0].reason == UPSTREAM_DID_NOT_FINISH


def test_stop_reason_is_given():
    actions = next_actions(view("a=failed b=pending c=pending", CHAIN))
    assert {a.reason for a in actions} == {RUN_STOPPED}


@pytest.mark.parametrize(
    ("hit", "blocked", "expected"),
    [
        (True, False, "reuse"),
        (False, False, "queue"),
        # a blocked node is queued even if a result exists
        (True, True, "queue"),
        (None, False, "queue"),  # not looked up: run it
    ],
)
def test_reuse_is_taken_only_when_found_and_allowed(hit, blocked, expected):
    v = view("a=completed b=pending c=pending", CHAIN, blocked={"b"} if blocked else ())
    hits = {} if hit is None else {"b": hit}
    assert acts(next_actions(v, hits)) == {(expected, "b")}


def test_ready_names_what_the_caller_must_look_up():
    v = view("a=completed b=pending c=pending", FORK)
    assert ready(v) == ["b", "c"]
    assert ready(view("a=failed b=pending c=pending", FORK)) == []
    assert ready(view("a=failed b=pending c=pending", FORK, continue_on_failure=True)) == []


def test_edges_to_nodes_outside_the_run_are_ignored():
    # a partial run has node runs for only part of the graph
    v = RunView({"b": Node("pending")}, [("a", "b")])
    assert acts(next_actions(v)) == {("queue", "b")}


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, None),
        ({"deterministic": False}, "not_deterministic"),
        ({"reuse_allowed": False}, "disabled"),
        ({"force_rerun": True}, "force_rerun"),
        ({"chosen": True}, "selected"),
        # a node a partial run only leans on always takes an earlier result
        ({"supporting": True, "force_rerun": True}, None),
        ({"deterministic": False, "reuse_allowed": False}, "not_deterministic"),
    ],
)
def test_reuse_blocker(flags, expected):
    base = dict(
        deterministic=True, reuse_allowed=True, force_rerun=False, chosen=False, supporting=False
    )
    assert reuse_blocker(**{**base, **flags}) == expected


POLICY = RetryPolicy(base_backoff_ms=100, max_backoff_ms=1000, lost_allowance=2)


@pytest.mark.parametrize(
    ("cause", "attempts", "max_retries", "expected"),
    [
        (Cause.FAILED, 1, 0, None),  # no retries: the first failure is final
        (Cause.FAILED, 1, 2, 100),  # then 200, 400, ... capped
        (Cause.FAILED, 2, 2, 200),
        (Cause.FAILED, 3, 2, None),
        (Cause.FAILED, 5, 10, 1000),  # capped
        # a lost worker is retried at once, within max_retries + the allowance
        (Cause.LOST, 1, 0, 0),
        (Cause.LOST, 2, 0, 0),
        (Cause.LOST, 3, 0, None),  # every attempt counts: no endless re-runs
        (Cause.LOST, 4, 2, 0),
        (Cause.LOST, 5, 2, None),
    ],
)
def test_retry_policy(cause, attempts, max_retries, expected):
    assert POLICY.retry_in(cause, attempts, max_retries) == expected


def test_give_up_messages_say_what_happened():
    assert "stopped responding 3 time" in POLICY.give_up_message(Cause.LOST, 3)
    assert "3 attempt" in POLICY.give_up_message(Cause.FAILED, 3)


def test_among_limits_the_moves_to_the_nodes_named():
    # b and c are both ready; asked about c alone, only c moves.
    current = view("a=completed b=pending c=pending", FORK)
    assert acts(next_actions(current, among=["c"])) == {("queue", "c")}
    assert ready(current, among=["c"]) == ["c"]
    assert ready(current, among=["c", "b"]) == ["c", "b"]  # in the order asked
    # A name outside the run is ignored.
    assert ready(current, among=["zz"]) == []


def test_among_still_finishes_a_run_whose_nodes_are_all_final():
    done = view("a=completed b=reused c=completed", FORK)
    assert acts(next_actions(done, among=[])) == {("finish", "completed")}
    waiting = view("a=completed b=queued c=pending", CHAIN)
    assert next_actions(waiting, among=["c"]) == []


def test_a_stopped_run_the_caller_knows_of_skips_without_looking_for_the_failure():
    nodes = {"a": Node("completed"), "b": Node("pending")}
    assert acts(next_actions(RunView(nodes, CHAIN[:1], stopped=True))) == {("skip", "b")}
    assert acts(next_actions(RunView(nodes, CHAIN[:1], stopped=False))) == {("queue", "b")}
