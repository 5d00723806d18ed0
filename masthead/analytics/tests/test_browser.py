"""The static scripts, in Debian's Chromium: the player sends a play and the quartiles a
listener reaches; the article sends one view with the referrer's host only."""

import pytest

from masthead.analytics import models as m

from .helpers import BROWSER, flush, total

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_player_reports_a_play_and_how_far_the_listener_got(
    live_server, browser_page, make_article, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    article = make_article(slug="listen", title="Ferry service returns to the lower Dnipro")
    narration = article.narration
    narration.refresh_from_db()
    assert narration.is_current and narration.duration > 0

    sent = []
    browser_page.on("request", lambda r: "/listen/hit/" in r.url and sent.append(r.post_data or ""))
    # Headless Chromium names itself in its user agent, and bots are not counted.
    cdp = browser_page.context.new_cdp_session(browser_page)
    cdp.send("Network.setUserAgentOverride", {"userAgent": BROWSER})
    errors = []
    browser_page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    with browser_page.expect_request("**/popular/hit/") as view_request:
        browser_page.goto(
            live_server.url + article.url, referer="https://www.google.com/search?q=secret"
        )
    # The view carries the referring host, never the address it linked from.
    assert view_request.value.post_data == f"id={article.pk}&ref=www.google.com"
    player = browser_page.locator("[data-audio-player]")
    audio = player.locator("audio")
    player.get_by_role("button", name="Play").click()
    browser_page.wait_for_function("() => true")
    # Jump close to the end: every quartile is passed, then the end.
    audio.evaluate(
        "a => new Promise(done => { const go = () => { a.currentTime = Math.max(0, a.duration"
        " - 0.05); a.play(); }; if (isFinite(a.duration) && a.duration > 0) go();"
        " else a.addEventListener('loadedmetadata', go, {once: true}); done(); })"
    )
    browser_page.wait_for_function("a => a.ended", arg=audio.element_handle(), timeout=15000)
    browser_page.wait_for_timeout(300)
    assert f"id={article.pk}&q=0" in sent
    assert f"id={article.pk}&q=100" in sent
    assert len(sent) == len(set(sent))  # each once per page view
    assert not errors, errors
    flush()
    assert total(m.PLAYS, article_id=article.pk) == 1
    assert total(m.LISTENED, article_id=article.pk, key="100") == 1
    assert total(m.VIEWS, article_id=article.pk) == 1
    assert total(m.REFERRER, article_id=article.pk, key="search") == 1
