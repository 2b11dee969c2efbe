"""The SDK installs alone: in a fresh virtualenv, `pip install ./sdk` brings no Django, and the
SDK's own tests pass there against the installed copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv

from tests.support.live import ROOT

SDK = ROOT / "sdk"


def run(*args: str, cwd, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_the_sdk_installs_alone_and_its_tests_pass_there(tmp_path):
    # A copy, so building the package leaves nothing behind in the checkout.
    source = tmp_path / "source"
    shutil.copytree(
        SDK, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    )
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    constraints = ROOT / "constraints.txt"
    run(
        python, "-m", "pip", "install", "--quiet", "-c", constraints, source, "pytest", cwd=tmp_path
    )

    no_django = subprocess.run([python, "-c", "import django"], capture_output=True, cwd=tmp_path)
    assert no_django.returncode != 0
    where = run(python, "-c", "import pipewright; print(pipewright.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(env_dir))
    assert (env_dir / "bin" / "pipewright").is_file()
    run(env_dir / "bin" / "pipewright", "--help", cwd=tmp_path)

    tests = run(
        python,
        "-m",
        "pytest",
        "-c",
        SDK / "pyproject.toml",
        "--rootdir",
        SDK,
        SDK / "tests",
        "-q",
        "-p",
        "no:cacheprovider",
        "--basetemp",
        tmp_path / "pt",
        cwd=tmp_path,
    )
    summary = tests.stdout.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
