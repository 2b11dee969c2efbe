"""The host paths a walled step sees read-only are looked up once a process: a zygote looks
them up before it forks its first step, and its steps (and spares) find them at hand."""

import os

from designer.runtime import isolation


def test_the_system_paths_are_looked_up_once_and_handed_out_as_fresh_lists(monkeypatch):
    monkeypatch.setattr(isolation, "_system", None)
    first = isolation.system_paths()
    assert "/usr" in first and isolation.python_paths()[0] in first

    def no_lookup(path):
        raise AssertionError(f"{path} looked up again")

    monkeypatch.setattr(os.path, "lexists", no_lookup)
    monkeypatch.setattr(os.path, "exists", no_lookup)
    again = isolation.system_paths()
    assert again == first
    # A view adds to the list it is given: that must not change what the next one gets.
    again.append("/somewhere")
    assert isolation.system_paths() == first
