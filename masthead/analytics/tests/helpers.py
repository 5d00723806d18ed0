from masthead.analytics import models as m
from masthead.analytics import selectors
from masthead.analytics.services import analytics_flush_counts

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)
FORM = "application/x-www-form-urlencoded"


def beacon(client, path, body, *, agent=BROWSER, address="203.0.113.7", **extra):
    """POST what navigator.sendBeacon sends: a form-encoded body, no cookie, no token."""
    extra.setdefault("content_type", FORM)
    return client.generic("POST", path, body, HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **extra)


def view(client, article_id, *, ref=None, src=None, **kwargs):
    body = f"id={article_id}" + (f"&ref={ref}" if ref else "") + (f"&src={src}" if src else "")
    return beacon(client, "/popular/hit/", body, **kwargs)


def listen(client, article_id, quartile, **kwargs):
    return beacon(client, "/listen/hit/", f"id={article_id}&q={quartile}", **kwargs)


def flush():
    return analytics_flush_counts()


def total(metric, *, article_id=m.NEWSROOM, window="day", key=None):
    counts = selectors.totals(selectors.window(window), metric, article_id=article_id)
    return counts.get(key, 0) if key is not None else sum(counts.values())
