"""HTTP(S) datastores against a real web server (a folder served from a thread): previews and
registrations read with a plain GET, the headers in the credentials sent to that server
only, and the size limit held while reading."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from designer.datasets.models import DatasetVersion
from tests.datasets.factories import HOUSES_V1, HOUSES_V2

pytestmark = pytest.mark.django_db

TOKEN = "Bearer http-secret-not-real"


class Recording(SimpleHTTPRequestHandler):
    """Serves a folder, keeps each request's path and headers, and sends `/moved/<file>`
    on to the server named in `redirect_to`."""

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        if self.path.startswith("/moved/") and self.server.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to + self.path[len("/moved") :])
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def serve(tmp_path):
    servers = []

    def start(folder, redirect_to=None):
        handler = functools.partial(Recording, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.seen, server.redirect_to = [], redirect_to
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(serve, tmp_path):
    folder = tmp_path / "site"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "houses.csv").write_bytes(HOUSES_V1)
    server, url = serve(folder)
    return server, url, folder


def add_site(api, url, **extra):
    body = {
        "name": "site",
        "kind": "http",
        "url": f"{url}/files",
        "credentials": {"headers": {"Authorization": TOKEN}},
        **extra,
    }
    response = api.post("/api/datastores/", body, format="json")
    assert response.status_code == 201, response.content


def test_preview_and_register_over_http_with_the_stored_headers(api, site):
    server, url, folder = site
    add_site(api, url)
    preview = api.get("/api/datastores/site/preview/?path=houses.csv")
    assert preview.status_code == 200, preview.content
    assert preview.json()["rows"][0] == [2, 100]
    body = {"name": "houses", "datastore": "site", "path": "houses.csv"}
    first = api.post("/api/datasets/", body, format="json")
    assert first.status_code == 201 and first.json()["row_count"] == 3
    (folder / "files" / "houses.csv").write_bytes(HOUSES_V2)
    second = api.post("/api/datasets/", body, format="json")
    assert second.status_code == 201 and second.json()["version"] == 2
    assert [path for path, _ in server.seen] == ["/files/houses.csv"] * 3
    assert {headers.get("Authorization") for _, headers in server.seen} == {TOKEN}


def test_credentials_do_not_follow_a_redirect_to_another_server(api, serve, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "houses.csv").write_bytes(HOUSES_V1)
    other, other_url = serve(elsewhere)
    first, first_url = serve(tmp_path, redirect_to=other_url)
    body = {
        "name": "site",
        "kind": "http",
        "url": first_url,
        "credentials": {"headers": {"Authorization": TOKEN}},
    }
    assert api.post("/api/datastores/", body, format="json").status_code == 201
    preview = api.get("/api/datastores/site/preview/?path=moved/houses.csv")
    assert preview.status_code == 200, preview.content
    assert first.seen[0][1].get("Authorization") == TOKEN
    assert other.seen and all("Authorization" not in h for _, h in other.seen)


def test_a_missing_file_is_a_404_and_a_dead_server_a_502(api, site, serve):
    server, url, _ = site
    add_site(api, url)
    assert api.get("/api/datastores/site/preview/?path=nothing.csv").status_code == 404
    server.shutdown()
    server.server_close()
    response = api.get("/api/datastores/site/preview/?path=houses.csv")
    assert response.status_code == 502 and response.json()["code"] == "datastore_unreachable"
    assert TOKEN not in response.content.decode()


def test_a_file_past_the_limit_is_refused_while_reading(api, site, settings):
    server, url, folder = site
    (folder / "files" / "big.csv").write_bytes(b"n\n" + b"1\n" * 10_000)
    settings.DESIGNER_DATASET_MAX_BYTES = 1000
    add_site(api, url)
    body = {"name": "big", "datastore": "site", "path": "big.csv"}
    response = api.post("/api/datasets/", body, format="json")
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    assert not DatasetVersion.objects.exists()
