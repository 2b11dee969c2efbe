"""The artifact store the tests of this folder run against: a local folder, or a bucket on the
S3-compatible test server, configured the way a deployment configures it (settings and the
environment), so `get_store()` builds it just as a server would."""

import pytest

from tests.support.s3 import CREDENTIALS

# Parametrize a fixture with these to run its tests against both stores; the S3 ones start
# the S3 server, so they are `live`.
BOTH_STORES = ["local", pytest.param("s3", marks=pytest.mark.live)]


@pytest.fixture
def s3_store_url(s3_server, settings, monkeypatch) -> str:
    """DESIGNER_ARTIFACTS set to a prefix in a new bucket on the S3 server; returns the URL."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.DESIGNER_S3_ENDPOINT_URL = s3_server.endpoint_url
    settings.DESIGNER_ARTIFACTS = f"s3://{s3_server.new_bucket()}/artifacts"
    return settings.DESIGNER_ARTIFACTS


def use_store(request, settings, tmp_path, kind: str) -> str:
    """Point DESIGNER_ARTIFACTS at a store of `kind` ("local" or "s3"); returns its location."""
    if kind == "s3":
        return request.getfixturevalue("s3_store_url")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    return settings.DESIGNER_ARTIFACTS
