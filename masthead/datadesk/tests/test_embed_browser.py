"""The chart embed in real Chromium, inside an iframe on another origin; an ordinary page
in the same place is refused."""

from __future__ import annotations

import http.server
import threading

import pytest

from masthead.ops.tests.servers import free_port

from .factories import make_dataset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def other_origin():
    """A second site on another port (another origin) serving one page, set by the test."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            body = pages.get(self.path, b"not found")
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", pages
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_chart_embed_loads_in_an_iframe_on_another_site_and_an_article_does_not(
    live_server, browser_context, make_article, other_origin, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    dataset = make_dataset(days=30)
    article = make_article(image=False, title="Ferry timetable changes", slug="ferry-times")
    origin, pages = other_origin
    # localhost vs 127.0.0.1: another origin (and another site) than the page around it.
    ours = live_server.url.replace("127.0.0.1", "localhost")
    pages["/"] = (
        "<!doctype html><title>Partner</title><h1>Partner site</h1>"
        f'<iframe id="chart" title="Chart" width="640" height="600" '
        f'src="{ours}/embed/chart/{dataset.pk}/?form=line&series=Alerts"></iframe>'
        f'<iframe id="article" title="Article" src="{ours}{article.url}"></iframe>'
    ).encode()
    page = browser_context.new_page()
    page.goto(origin + "/")
    page.wait_for_load_state("load")
    embed = page.frame_locator("#chart")
    picture = embed.locator("svg[role=img]")
    picture.wait_for(state="visible", timeout=10_000)
    assert picture.get_attribute("aria-labelledby").endswith("-desc")
    assert "Air-raid alerts" in embed.locator("svg title").text_content()
    assert embed.locator("details.chart__data tbody tr").count() == 30
    box = picture.bounding_box()
    assert box["width"] > 300 and box["height"] > 150  # drawn, at the frame's width
    # The article refused to be framed: its frame holds no article ...
    others = [f for f in page.frames if f != page.main_frame and "/embed/chart/" not in f.url]
    assert len(others) == 1
    assert others[0].locator("h1.article__headline").count() == 0
    # ... though the same address opened on its own shows it.
    page.goto(ours + article.url)
    assert page.locator("h1.article__headline").text_content() == "Ferry timetable changes"
