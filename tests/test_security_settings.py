"""Production settings, checked in fresh processes as a deployment starts them: the secret key
(made once and kept when embedded, required when distributed) and `check --deploy` clean
with the documented HTTPS settings."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DESIGNER_SECRET_KEY", "DATABASE_URL", "DESIGNER_DEBUG", "DESIGNER_HTTPS"}
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**base, "PYTHONPATH": str(ROOT), "DESIGNER_VAR": str(tmp_path / "var"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_the_embedded_default_makes_a_key_once_and_keeps_it(tmp_path):
    first = manage(tmp_path, "shell", "--no-imports", "-c", PRINT_KEY)
    second = manage(tmp_path, "shell", "--no-imports", "-c", PRINT_KEY)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and key == second.stdout.strip()
    assert "insecure" not in key
    kept = tmp_path / "var" / "secret_key"
    assert kept.read_text().strip() == key
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    other = manage(tmp_path / "elsewhere", "shell", "--no-imports", "-c", PRINT_KEY)
    assert other.stdout.strip() != key, "each installation gets its own key"


def test_a_key_in_the_environment_wins(tmp_path):
    shown = manage(
        tmp_path, "shell", "--no-imports", "-c", PRINT_KEY, DESIGNER_SECRET_KEY="from-the-env"
    )
    assert shown.stdout.strip() == "from-the-env"
    assert not (tmp_path / "var" / "secret_key").exists()


def test_a_distributed_deployment_without_a_key_refuses_to_start(tmp_path):
    started = manage(tmp_path, "check", DATABASE_URL="postgres://user:pw@db:5432/designer")
    assert started.returncode != 0
    assert "DATABASE_URL is set" in started.stderr
    assert "DESIGNER_SECRET_KEY" in started.stderr


def test_check_deploy_is_clean_with_the_documented_https_settings(tmp_path):
    checked = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", DESIGNER_HTTPS="1")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout


def test_check_deploy_without_https_says_what_is_missing(tmp_path):
    checked = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode != 0
    assert "SECURE_SSL_REDIRECT" in checked.stderr + checked.stdout
