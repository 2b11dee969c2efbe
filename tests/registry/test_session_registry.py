"""The built-in registry is in the test database for every test, committing ones included."""

from designer.registry.models import Component


def test_a_plain_db_test_starts_with_the_builtins(db, builtins):
    stored = set(Component.objects.filter(builtin=True).values_list("name", "version"))
    assert {tuple(ref.split("@")) for ref in builtins.created + builtins.unchanged} <= stored


def test_a_committing_test_starts_with_the_builtins(transactional_db):
    assert Component.objects.filter(builtin=True, name="split_data").exists()


def test_the_builtins_are_back_after_a_committing_test_flushed(db):
    # The test before this one committed, then its teardown flushed every table.
    assert Component.objects.filter(builtin=True, name="split_data").exists()
