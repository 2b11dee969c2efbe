"""Where the SDK finds its server and token, and the command line's shape and failures,
without a server."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from pipewright import NotSignedIn, config
from pipewright.cli.app import build_parser, main
from pipewright.cli.completion import script
from pipewright.cli.pipeline_commands import parse_params


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("PIPEWRIGHT_CONFIG", str(tmp_path / "conf" / "config.json"))
    monkeypatch.delenv("PIPEWRIGHT_URL", raising=False)
    monkeypatch.delenv("PIPEWRIGHT_TOKEN", raising=False)


def test_the_saved_login_is_readable_by_its_owner_only():
    path = config.save("http://server:8000", "secret-token")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert json.loads(path.read_text()) == {"url": "http://server:8000", "token": "secret-token"}
    assert config.resolve() == config.Settings("http://server:8000", "secret-token")
    assert config.forget() and not path.exists()


def test_arguments_beat_the_environment_which_beats_the_file(monkeypatch):
    config.save("http://file", "file-token")
    monkeypatch.setenv("PIPEWRIGHT_URL", "http://env/")
    assert config.resolve() == config.Settings("http://env", "file-token")
    monkeypatch.setenv("PIPEWRIGHT_TOKEN", "env-token")
    assert config.resolve("http://arg", "arg-token") == config.Settings("http://arg", "arg-token")


def test_no_server_anywhere_says_how_to_sign_in():
    with pytest.raises(NotSignedIn, match="pipewright login"):
        config.resolve()


def test_params_are_read_as_yaml_values():
    assert parse_params(["seed=3", "rate=0.5", "on=true", "name=text", "empty="]) == {
        "seed": 3,
        "rate": 0.5,
        "on": True,
        "name": "text",
        "empty": "",
    }
    with pytest.raises(Exception, match="NAME=VALUE"):
        parse_params(["novalue"])


def test_json_url_and_token_go_before_or_after_the_command_words():
    parser = build_parser()
    before = parser.parse_args(["--json", "--url", "http://a", "runs", "list"])
    after = parser.parse_args(["runs", "list", "--json", "--url", "http://a"])
    assert (before.json, before.url) == (after.json, after.url) == (True, "http://a")


def test_every_command_takes_json():
    from pipewright.cli.completion import _paths, command_tree

    for path, level in _paths(command_tree(build_parser())):
        if not level.commands:
            assert "--json" in level.options, path


def test_failures_exit_non_zero_with_one_line(capsys):
    assert main(["runs", "list"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["--url", "http://127.0.0.1:9", "pipelines", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pipewright: cannot reach") and err.count("\n") == 1
    with pytest.raises(SystemExit) as usage:
        main(["runs", "show"])
    assert usage.value.code == 2


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_the_commands(shell):
    text = script(build_parser(), shell)
    for word in ("pipelines", "runs", "validate", "param", "json"):
        assert word in text
    program = shutil.which(shell)
    if program and shell != "fish":
        subprocess.run([program, "-n"], input=text, text=True, check=True)


def test_bash_completion_completes_words_of_the_current_level(tmp_path):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    (tmp_path / "c.sh").write_text(script(build_parser(), "bash"))
    probe = (
        f"source {tmp_path / 'c.sh'}; "
        "COMP_WORDS=(pipewright --url x pipelines r); COMP_CWORD=4; _pipewright; "
        'echo "${COMPREPLY[@]}"; '
        "COMP_WORDS=(pipewright runs logs 7 --f); COMP_CWORD=4; _pipewright; "
        'echo "${COMPREPLY[@]}"'
    )
    done = subprocess.run([bash, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["run", "--follow"]


def test_the_command_runs_as_a_module(child_env):
    done = subprocess.run(
        [sys.executable, "-m", "pipewright", "--help"],
        capture_output=True,
        text=True,
        env=child_env,
    )
    assert done.returncode == 0 and "pipelines" in done.stdout


def test_the_package_imports_nothing_of_the_server(child_env):
    """Every module loads without Django or the server's `designer` package."""
    probe = (
        "import pkgutil, importlib, sys, pipewright\n"
        "for m in pkgutil.walk_packages(pipewright.__path__, 'pipewright.'):\n"
        "    if m.name != 'pipewright.__main__': importlib.import_module(m.name)\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'django', 'designer', 'pandas'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=child_env
    )
    assert done.stdout.strip() == "[]"


def test_a_refusal_reads_as_the_servers_message_with_its_problems():
    from pipewright.errors import Conflict, NotFound, error_for

    invalid = error_for(
        400,
        {
            "code": "graph_invalid",
            "message": "The pipeline is not valid.",
            "errors": [{"message": "train.data needs a connection"}],
        },
        "fallback",
    )
    assert str(invalid) == "The pipeline is not valid. (train.data needs a connection)"
    repeated = error_for(400, {"message": "bad.yaml: no", "errors": [{"message": "no"}]}, "-")
    assert str(repeated) == "bad.yaml: no"
    assert isinstance(error_for(404, {"message": "gone"}, "-"), NotFound)
    assert isinstance(error_for(409, None, "POST /x failed"), Conflict)
    assert str(error_for(502, "<html>", "GET /api/runs/ failed with HTTP 502")).endswith("502")
