"""Prepared querysets (`designer.prepared`): compiled once per shape of their arguments, and
giving what the queryset itself gives, whatever the arguments of a later call."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designer.accounts.models import Workspace
from designer.prepared import Prepared
from designer.runs.models import Experiment
from tests.support.distributed import run_on_postgres

pytestmark = pytest.mark.django_db


@pytest.fixture
def experiments():
    workspace = Workspace.objects.create(name="prepared")
    return [Experiment.objects.create(workspace=workspace, name=f"e{i}") for i in range(5)]


def counting(build):
    """`build`, counting how often it is called (once per compile)."""
    calls = []

    def counted(*args):
        calls.append(args)
        return build(*args)

    return counted, calls


def test_compiled_once_then_run_with_each_call_s_values(experiments):
    build, calls = counting(lambda pk: Experiment.objects.select_related("workspace").filter(pk=pk))
    by_pk = Prepared(build)
    for experiment in experiments:
        [found] = by_pk(experiment.pk)
        assert (found.pk, found.name) == (experiment.pk, experiment.name)
        assert found.created_at == experiment.created_at  # converted as the ORM converts
        with CaptureQueriesContext(connection) as queries:
            assert found.workspace.name == "prepared"  # came with the row
        assert len(queries) == 0
    assert len(calls) == 1
    assert by_pk(experiments[-1].pk + 1000) == []


def test_lists_of_each_length_have_a_statement_of_their_own(experiments):
    build, calls = counting(
        lambda ids, name: Experiment.objects.filter(pk__in=ids).exclude(name=name).order_by("pk")
    )
    some = Prepared(build)
    ids = [e.pk for e in experiments]
    assert [e.name for e in some(ids[:2], "e0")] == ["e1"]
    assert [e.name for e in some(ids[2:4], "e3")] == ["e2"]
    assert [e.name for e in some(ids, "none")] == [f"e{i}" for i in range(5)]
    assert [e.name for e in some(ids[:3] + ids[:1], "e2")] == ["e0", "e1"]
    assert len(calls) == 3  # lengths 2, 5 and 4
    # An empty list is answered as the ORM answers it: nothing matches, no statement kept.
    assert some([], "e0") == []
    assert len(calls) == 4


def test_values_and_flat_values_come_back_as_the_queryset_gives_them(experiments):
    names = Prepared(
        lambda workspace: (
            Experiment.objects.filter(workspace__name=workspace)
            .order_by("-pk")
            .values_list("name", flat=True)
        )
    )
    pairs = Prepared(lambda pk: Experiment.objects.filter(pk=pk).values_list("pk", "name"))
    dicts = Prepared(lambda pk: Experiment.objects.filter(pk=pk).values("name")[:1])
    assert names("prepared") == ["e4", "e3", "e2", "e1", "e0"]
    assert names("nowhere") == []
    assert pairs(experiments[1].pk) == [(experiments[1].pk, "e1")]
    assert dicts(experiments[2].pk) == [{"name": "e2"}]


def test_an_argument_is_taken_as_the_type_it_was_compiled_with(experiments):
    by_pk = Prepared(lambda pk: Experiment.objects.filter(pk=pk))
    assert by_pk(experiments[0].pk)[0].name == "e0"
    assert by_pk(str(experiments[1].pk))[0].name == "e1"
    with pytest.raises((TypeError, ValueError)):
        by_pk(None)


def test_only_ints_and_strs_can_stand_in():
    with pytest.raises(TypeError, match="ints and strs"):
        Prepared(lambda flag: Experiment.objects.filter(name__isnull=flag))(True)


def test_compiled_in_one_thread_and_run_in_another(experiments):
    """The statement is kept across threads; each call runs on its own thread's connection
    (Django refuses a connection made in another thread)."""
    by_pk = Prepared(lambda pk: Experiment.objects.filter(pk=pk))
    found = []
    compiling = threading.Thread(target=lambda: found.append(by_pk._compile([experiments[0].pk])))
    compiling.start()
    compiling.join()
    by_pk._compiled[(None,)] = found[0]
    assert by_pk(experiments[3].pk)[0].name == "e3"


@pytest.mark.slow
def test_on_postgresql_locks_rows_and_refuses_a_lock_outside_a_transaction():
    result = run_on_postgres("tests.support.prepared_on_postgres", unset=["DESIGNER_BROKER_URL"])
    assert result == {
        "found": ["first", "second"],
        "outside": "TransactionManagementError",
        "blocked": True,
    }


def test_how_columns_convert_is_worked_out_once_per_thread(experiments, monkeypatch):
    from django.db.models.sql.compiler import SQLCompiler

    worked_out = []
    get_converters = SQLCompiler.get_converters

    def counted(self, expressions):
        worked_out.append(len(expressions))
        return get_converters(self, expressions)

    monkeypatch.setattr(SQLCompiler, "get_converters", counted)
    by_pk = Prepared(lambda pk: Experiment.objects.filter(pk=pk))
    for experiment in experiments:
        [found] = by_pk(experiment.pk)
        assert found.created_at == experiment.created_at  # still converted
    assert len(worked_out) == 1
