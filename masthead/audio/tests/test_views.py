"""Audio served with HTTP Range (seekable) and long-lived cache headers."""

import pytest
from django.core.files.storage import default_storage

from masthead.audio.views import BadRange, parse_range

from .helpers import publish_with

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def audio(narrated_article):
    narration = narrated_article.narration
    data = default_storage.open(narration.audio.name).read()
    return narration.get_absolute_url(), data


def test_the_whole_file_is_served_with_accept_ranges_and_a_long_cache(client, audio):
    url, data = audio
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(data))
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert _body(response) == data


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-50", None, None)],
)
def test_a_range_request_gets_206_and_just_those_bytes(client, audio, header, first, last):
    url, data = audio
    size = len(data)
    if first is None:
        first = size - 50
    if last is None:
        last = size - 1
    response = client.get(url, headers={"range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response["Content-Length"] == str(last - first + 1)
    assert _body(response) == data[first : last + 1]


def test_a_range_past_the_end_is_clamped_to_the_file(client, audio):
    url, data = audio
    response = client.get(url, headers={"range": "bytes=10-99999999"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-{len(data) - 1}/{len(data)}"


@pytest.mark.parametrize(
    "header", ["bytes=99999999-", "bytes=50-10", "bytes=-0", "bytes=abc", "bytes=-"]
)
def test_an_unsatisfiable_or_malformed_range_gets_416(client, audio, header):
    url, data = audio
    response = client.get(url, headers={"range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(data)}"


def test_a_range_in_another_unit_is_ignored(client, audio):
    url, data = audio
    response = client.get(url, headers={"range": "items=0-1"})
    assert response.status_code == 200


def test_post_is_not_allowed(client, audio):
    url, _ = audio
    assert client.post(url).status_code == 405


def test_an_outdated_or_unknown_audio_url_is_404(
    client, audio, narrated_article, django_capture_on_commit_callbacks
):
    url, _ = audio
    publish_with(narrated_article, django_capture_on_commit_callbacks, title="A new headline")
    assert client.get(url).status_code == 404
    assert client.get("/audio/999999/0123456789abcdef.mp3").status_code == 404
    assert client.get(f"/audio/{narrated_article.pk}/short.mp3").status_code == 404


def test_audio_of_an_unpublished_article_is_404(client, audio, narrated_article):
    url, _ = audio
    narrated_article.unpublish()
    assert client.get(url).status_code == 404


def test_parse_range_covers_the_rfc_forms():
    assert parse_range("", 1000) is None
    assert parse_range("bytes=0-0", 1000) == (0, 0)
    assert parse_range("bytes=0-1,5-9", 1000) == (0, 1)
    assert parse_range("bytes=-2000", 1000) == (0, 999)
    with pytest.raises(BadRange):
        parse_range("bytes=1000-", 1000)


def test_the_article_page_shows_the_player_with_the_ai_disclosure(client, narrated_article):
    response = client.get(narrated_article.url)
    html = response.content.decode()
    assert "This audio is created with AI assistance" in html
    assert narrated_article.narration.get_absolute_url() in html
    assert 'aria-label="Play"' in html
    assert "<script>" not in html  # no inline script: the player is a static file
    assert "js/audio-player.js" in html


def test_an_article_without_audio_shows_no_player(client, article):
    response = client.get(article.url)
    assert "created with AI assistance" not in response.content.decode()


def test_the_audio_of_a_private_article_is_only_for_readers_it_is_open_to(
    client, audio, narrated_article
):
    from wagtail.models import PageViewRestriction

    from masthead.accounts.tests.factories import UserFactory

    url, data = audio
    PageViewRestriction.objects.create(
        page=narrated_article, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_RANGE="bytes=0-9").status_code == 404
    client.force_login(UserFactory(username="listener"))
    response = client.get(url)
    assert response.status_code == 200
    assert _body(response) == data
    # Never kept by a shared cache, nor reused for another reader.
    assert response["Cache-Control"] == "private, no-store"


@pytest.fixture
def media_root_of_the_settings(settings):
    """Files written where a /media/ route set up at import time would look."""
    from masthead.settings import test as test_settings

    settings.MEDIA_ROOT = test_settings.MEDIA_ROOT


def test_the_audio_file_is_not_public_under_media(
    media_root_of_the_settings, client, audio, narrated_article
):
    name = narrated_article.narration.audio.name
    assert client.get(f"/media/{name}").status_code == 404
    narrated_article.unpublish()
    assert client.get(f"/media/{name}").status_code == 404


def test_an_edge_keeps_public_audio_no_longer_than_pages(client, audio, settings):
    url, _ = audio
    settings.PAGE_CACHE_EDGE_MAX_AGE = 120
    cache_control = client.get(url)["Cache-Control"]
    assert "public" in cache_control and "s-maxage=120" in cache_control
