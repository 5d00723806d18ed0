"""A reader plays, seeks and speeds up a really narrated article in Debian's Chromium."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.tts,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_plays_seeks_and_speeds_up_the_narration(
    live_server, browser_page, make_article, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    settings.AUDIO_BACKEND = "espeak"  # a real voice, fast enough for a browser test
    # Publishing commits, and the immediate task backend narrates at once.
    article = make_article(slug="listen", title="Ferry service returns to the lower Dnipro")
    narration = article.narration
    narration.refresh_from_db()
    assert narration.is_current and narration.duration > 8

    errors, audio_statuses = [], []
    browser_page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    browser_page.on(
        "response", lambda r: r.url.endswith(".mp3") and audio_statuses.append(r.status)
    )
    browser_page.goto(live_server.url + article.url)

    player = browser_page.locator("[data-audio-player]")
    assert "This audio is created with AI assistance" in player.inner_text()
    audio = player.locator("audio")
    play = player.get_by_role("button", name="Play")
    play.wait_for(state="visible")

    # Keyboard: Tab reaches the play button with a visible focus ring; Enter starts playing.
    play.focus()
    browser_page.keyboard.press("Shift+Tab")
    browser_page.keyboard.press("Tab")
    assert play.evaluate("b => document.activeElement === b")
    assert play.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_function(
        "a => !a.paused && a.currentTime > 0.3", arg=audio.element_handle(), timeout=15000
    )
    pause = player.get_by_role("button", name="Pause")
    assert pause.is_visible()
    pause.click()
    assert audio.evaluate("a => a.paused")

    # Seek with the slider from the keyboard: five steps right is five seconds in.
    seek = player.get_by_label("Seek")
    seek.focus()
    seek.evaluate("s => { s.value = '0'; }")
    for _ in range(5):
        browser_page.keyboard.press("ArrowRight")
    browser_page.wait_for_function(
        "a => Math.abs(a.currentTime - 5) < 0.6", arg=audio.element_handle(), timeout=10000
    )
    assert "0:05" in player.inner_text()

    # Speed: 1.5x applies to the playing audio.
    player.get_by_label("Speed").select_option("1.5")
    assert audio.evaluate("a => a.playbackRate") == 1.5
    player.get_by_role("button", name="Play").click()
    browser_page.wait_for_function(
        "a => !a.paused && a.currentTime > 5.3", arg=audio.element_handle(), timeout=15000
    )
    assert audio.evaluate("a => a.playbackRate") == 1.5
    assert 206 in audio_statuses  # the browser streamed it with Range requests
    assert not errors, errors
