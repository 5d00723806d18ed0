"""--fetch-remote against a real HTTP server on loopback (and its SSRF refusal), and the
quietness of a bulk import: no narration, no rendition task, one purge."""

import io
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from masthead.images.models import CustomImage
from masthead.importers.remote import FetchError, public_address
from masthead.news.models import ArticlePage
from masthead.ops.tests.servers import free_port

FIXTURES = Path(__file__).parent / "fixtures"


def picture_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 20, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - the http.server API
        status, kind, body = self.routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    port = free_port()
    _Handler.routes = {
        "/photo.jpg": (200, "image/jpeg", picture_bytes()),
        "/page.jpg": (200, "text/html", b"<html>not a picture</html>"),
        "/big.jpg": (200, "image/jpeg", picture_bytes() + b"\0" * 50_000),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


def ghost_export(tmp_path, images: dict[str, str]) -> Path:
    """The Ghost fixture with posts' feature images pointing at ``images`` (slug → URL)."""
    folder = tmp_path / "ghost"
    shutil.copytree(FIXTURES / "ghost", folder)
    path = folder / "export.json"
    document = json.loads(path.read_text())
    for post in document["db"][0]["data"]["posts"]:
        if post["slug"] in images:
            post["feature_image"] = images[post["slug"]]
    path.write_text(json.dumps(document))
    return path


def run(*args):
    out = io.StringIO()
    call_command("import_ghost", *args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_fetch_remote_imports_pictures_and_refuses_what_is_not_one(
    home, tmp_path, server, settings
):
    settings.IMPORTERS_ALLOW_PRIVATE_ADDRESSES = True  # the test server is on loopback
    settings.IMPORTERS_MAX_REMOTE_IMAGE_BYTES = 20_000
    export = ghost_export(
        tmp_path,
        {
            "port-budget": f"{server}/photo.jpg",
            "members-qa": f"{server}/page.jpg",
            "dredging": f"{server}/big.jpg",
        },
    )
    out = run(str(export), "--fetch-remote")
    lead = ArticlePage.objects.get(slug="port-budget").lead_image
    assert lead is not None and (lead.width, lead.height) == (30, 20)
    assert lead.file.storage.exists(lead.file.name)
    assert ArticlePage.objects.get(slug="members-qa").lead_image is None
    assert "not a picture (text/html)" in out
    assert ArticlePage.objects.get(slug="dredging").lead_image is None
    assert "larger than 20000 bytes" in out


@pytest.mark.django_db
def test_fetch_remote_refuses_loopback_by_default(home, tmp_path, server):
    export = ghost_export(tmp_path, {"port-budget": f"{server}/photo.jpg"})
    out = run(str(export), "--fetch-remote")
    assert ArticlePage.objects.get(slug="port-budget").lead_image is None
    assert "non-public address (127.0.0.1): refused" in out


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "0.0.0.0"],  # noqa: S104
)
def test_private_loopback_and_link_local_addresses_are_refused(host):
    with pytest.raises(FetchError, match="non-public"):
        public_address(host, 80)


@pytest.mark.django_db
def test_without_fetch_remote_nothing_is_requested(home, tmp_path, server):
    _Handler.requests = 0
    export = ghost_export(tmp_path, {"port-budget": f"{server}/photo.jpg"})
    out = run(str(export))
    assert f"{server}/photo.jpg" in out
    assert not CustomImage.objects.filter(title="photo").exists()


@pytest.mark.django_db
def test_an_import_is_quiet_and_purges_once(home, tmp_path, monkeypatch, settings):
    """No narration is asked for, no rendition task is queued and the caches are purged
    once, whatever the number of stories."""
    settings.AUDIO_NARRATE_ON_PUBLISH = True
    from masthead.audio.models import Narration
    from masthead.caching import signal_handlers
    from masthead.images.models import CustomRendition

    purges = []
    monkeypatch.setattr(signal_handlers, "purge", lambda **kw: purges.append(kw))
    folder = tmp_path / "wp"
    shutil.copytree(FIXTURES / "wordpress", folder)
    out = io.StringIO()
    call_command(
        "import_wordpress",
        str(folder / "export.xml"),
        "--media-dir",
        str(folder / "uploads"),
        "--no-progress",
        stdout=out,
    )
    assert ArticlePage.objects.filter(live=True).count() >= 2
    assert CustomImage.objects.count() == 2
    # Tasks run at once in tests: a queued narration or rendition would have left rows.
    assert not Narration.objects.exists()
    assert not CustomRendition.objects.exists()
    assert len(purges) == 1
    assert {"listing", "tree", "people"} <= set(purges[0]["tags"])
    assert "/" in purges[0]["paths"]


@pytest.mark.django_db
def test_imported_stories_are_found_by_search(home, tmp_path, client):
    folder = tmp_path / "wp"
    shutil.copytree(FIXTURES / "wordpress", folder)
    call_command(
        "import_wordpress",
        str(folder / "export.xml"),
        "--media-dir",
        str(folder / "uploads"),
        "--no-progress",
        stdout=io.StringIO(),
    )
    found = ArticlePage.objects.live().search("footbridge")
    assert [page.slug for page in found] == ["council-votes-footbridge"]
    assert CustomImage.objects.search("Works map").count() == 1
