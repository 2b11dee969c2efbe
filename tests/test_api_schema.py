"""The committed OpenAPI schema matches the API, so the frontend's generated types do too."""

from pathlib import Path

from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[1] / "frontend" / "src" / "api" / "openapi.yaml"


def test_committed_schema_is_current(tmp_path, db):
    fresh = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(fresh), "--fail-on-warn")
    assert fresh.read_text() == COMMITTED.read_text(), (
        "The API changed: run `make api-schema` and commit frontend/src/api/openapi.yaml "
        "(the build regenerates the TypeScript types from it)."
    )
