"""Edge purges: sent at once, and again once every process has seen the purge."""

import time

from wagtail.contrib.frontend_cache.backends import BaseBackend

from masthead.caching import purge

SENT: list[tuple[float, list[str]]] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        SENT.append((time.monotonic(), list(urls)))


def test_an_edge_purge_is_sent_again_after_the_tag_memo_window(settings):
    settings.WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": f"{__name__}.RecordingBackend"}}
    settings.CACHE_TAG_MEMO_SECONDS = 0.2
    settings.SITE_URL = "https://news.example.org"
    SENT.clear()
    started = time.monotonic()
    purge.purge_edge(paths=["/", "/news-feed/"])
    assert [urls for _, urls in SENT] == [
        ["https://news.example.org/", "https://news.example.org/news-feed/"]
    ]
    deadline = time.monotonic() + 5

    def ours():  # a timer left by an earlier test in this process may send its own URLs
        return [(at, urls) for at, urls in SENT if urls == SENT[0][1]]

    while len(ours()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(ours()) == 2
    # Not before a process that memoised the old versions has read them again.
    assert ours()[1][0] - started >= settings.CACHE_TAG_MEMO_SECONDS
