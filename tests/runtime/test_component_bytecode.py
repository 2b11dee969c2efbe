"""A component's bytecode is the worker's own: written from its source once a process, over
whatever came with the folder (`component_code.precompile`), so a walled step, which cannot
write next to its code, imports it without compiling it; and a registered folder never keeps
the bytecode it was uploaded with."""

import importlib.util
import os
import struct
from pathlib import Path

import pytest

from designer.accounts.acting import SYSTEM
from designer.execution import step
from designer.registry.services import register_folder
from designer.runtime.component_code import precompile

CODE = "def run(data=None):\n    return {'n': 1}\n"
SPEC = """\
name: bytecode_probe
version: 1.0.0
category: Tests
description: A component whose bytecode is checked.
inputs: {}
outputs:
  data: {type: json}
parameters: {}
python: probe.py:run
"""


def header(pyc: Path) -> tuple[int, int, int]:
    """(flags, source mtime, source size) of a bytecode file."""
    _magic, flags, mtime, size = struct.unpack("<4sIII", pyc.read_bytes()[:16])
    return flags, mtime, size


def folder(tmp_path: Path) -> Path:
    made = tmp_path / "probe"
    made.mkdir()
    (made / "probe.py").write_text(CODE)
    (made / "component.yaml").write_text(SPEC)
    return made


def test_precompile_writes_bytecode_the_import_accepts_over_what_was_there(tmp_path):
    code = folder(tmp_path) / "probe.py"
    pyc = Path(importlib.util.cache_from_source(str(code)))
    pyc.parent.mkdir()
    pyc.write_bytes(b"not what the source says")

    precompile(code.parent)

    source = code.stat()
    # Checked against the source's time and size, as an import checks it.
    assert header(pyc) == (0, int(source.st_mtime) & 0xFFFFFFFF, source.st_size)
    assert pyc.read_bytes()[:4] == importlib.util.MAGIC_NUMBER


def test_a_broken_file_is_left_to_fail_at_import(tmp_path):
    made = folder(tmp_path)
    (made / "broken.py").write_text("def (:\n")
    precompile(made)
    assert not Path(importlib.util.cache_from_source(str(made / "broken.py"))).exists()
    assert Path(importlib.util.cache_from_source(str(made / "probe.py"))).exists()


@pytest.mark.django_db
def test_registering_drops_uploaded_bytecode_and_a_step_writes_its_own(builtins, tmp_path):
    made = folder(tmp_path)
    uploaded = Path(importlib.util.cache_from_source(str(made / "probe.py")))
    uploaded.parent.mkdir()
    uploaded.write_bytes(b"crafted")
    (made / "stray.pyc").write_bytes(b"crafted")

    component, _ = register_folder(SYSTEM, made)

    stored = Path(component.path)
    assert (stored / "probe.py").exists()
    assert not (stored / "__pycache__").exists()
    assert not (stored / "stray.pyc").exists()

    step._ready_code(component)

    pyc = Path(importlib.util.cache_from_source(str(stored / "probe.py")))
    assert header(pyc)[2] == len(CODE)


def test_bytecode_is_as_readable_as_its_folder_whatever_the_workers_umask(tmp_path):
    made = folder(tmp_path)
    made.chmod(0o755)
    (made / "probe.py").chmod(0o644)
    previous = os.umask(0o077)
    try:
        precompile(made)
    finally:
        os.umask(previous)
    pyc = Path(importlib.util.cache_from_source(str(made / "probe.py")))
    assert pyc.parent.stat().st_mode & 0o777 == 0o755
    assert pyc.stat().st_mode & 0o777 == 0o644
