"""Pages are compressed once, when they enter a process's copies, never where a secret sits
beside what the request chose (BREACH)."""

import gzip

import brotli
import pytest

pytestmark = pytest.mark.django_db


def test_a_hit_is_sent_brotli_compressed_to_a_browser_that_accepts_it(client, article):
    plain = client.get(article.url).content
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["X-Cache"] == "HIT"
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content) == plain
    assert len(response.content) < len(plain) / 2
    assert "Accept-Encoding" in response["Vary"]


def test_gzip_is_sent_where_brotli_is_not_accepted(client, article):
    plain = client.get(article.url).content
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain


def test_a_client_that_accepts_nothing_gets_the_plain_page(client, article):
    client.get(article.url)
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="identity")
    assert not response.has_header("Content-Encoding")


def test_each_encoding_has_its_own_validator(client, article):
    client.get(article.url)
    plain = client.get(article.url)["ETag"]
    compressed = client.get(article.url, HTTP_ACCEPT_ENCODING="br")
    assert compressed["ETag"] != plain
    again = client.get(
        article.url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=compressed["ETag"]
    )
    assert again.status_code == 304


def test_a_rebuilt_page_is_compressed_on_its_way_out(client, article):
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["X-Cache"] == "MISS"
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_a_signed_in_readers_page_is_never_compressed(client, article, editor):
    client.force_login(editor)
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_a_page_carrying_a_csrf_token_is_never_compressed(client, db):
    # The sign-in form holds a CSRF token next to the ?next= the request chose.
    response = client.get("/account/sign-in/?next=/war/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def test_a_kept_copy_holds_the_compressed_page_and_still_serves_every_client(
    client, article, settings
):
    """A process keeps only the first reader's encoding of a page (a fifth of its size);
    a client that wants another, or none, still gets the same page, and the bytes the
    extra encoding takes are counted against the store's bound."""
    from masthead.caching import pages as page_cache

    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    page_cache.served_copies.clear()
    plain = client.get(article.url).content  # stored in the shared cache
    first = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert first["X-Cache"] == "HIT"
    kept = page_cache.served_copies.size
    # The stored parts the gzip is joined from; the rails' parts are shared by every page.
    assert 0 < kept < len(first.content) < len(plain) / 2
    assert client.get(article.url, HTTP_ACCEPT_ENCODING="identity").content == plain
    assert page_cache.served_copies.size == kept  # the plain body is not kept again
    brotli_answer = client.get(article.url, HTTP_ACCEPT_ENCODING="br")
    assert brotli.decompress(brotli_answer.content) == plain
    assert page_cache.served_copies.size == kept + len(brotli_answer.content)
    assert gzip.decompress(client.get(article.url, HTTP_ACCEPT_ENCODING="gzip").content) == plain


def test_a_hit_gzips_by_joining_parts_deflated_apart(client, article, settings):
    """The stored page's fixed parts are deflated when it is stored and each rail once per
    process; a hit joins them into one gzip member, which any gzip reader takes as the page,
    before and after a rail changes."""
    import zlib

    from django.test import RequestFactory

    from masthead.caching import pages as page_cache
    from masthead.caching.store import shared
    from masthead.news.models import NewsFeedItem

    settings.PAGE_CACHE_LOCAL_BYTES = 0  # every hit assembles the page from the shared store
    plain = client.get(article.url).content
    stored = shared().get(
        page_cache.entry_key(page_cache.raw_url(RequestFactory().get(article.url).META))
    )
    # Only deflated bytes are stored: no fixed part holds the page's plain text.
    assert [s is None for s in stored.sums] == [isinstance(p, str) for p in stored.parts]
    assert any(isinstance(p, str) for p in stored.parts)  # the rails are slots
    assert not any(b"<html" in p for p in stored.parts if isinstance(p, bytes))
    assert sum(len(p) for p in stored.parts if isinstance(p, bytes)) < len(plain) / 2
    answer = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert answer["X-Cache"] == "HIT"
    assert gzip.decompress(answer.content) == plain
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)  # as a browser's inflate reads it
    assert decoder.decompress(answer.content) == plain and decoder.eof
    NewsFeedItem.objects.create(headline="A rail changes", summary="Checked here.")
    client.get(article.url)  # renders the rail again
    changed = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert b"A rail changes" in gzip.decompress(changed.content)
    assert gzip.decompress(changed.content) == client.get(article.url).content


def test_a_plain_copy_kept_for_a_client_without_compression_counts_every_byte_it_holds(
    client, article, settings
):
    from masthead.caching import pages as page_cache

    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    page_cache.served_copies.clear()
    plain = client.get(article.url).content
    assert client.get(article.url, HTTP_ACCEPT_ENCODING="identity").content == plain
    # The plain body, and the gzip joined from the stored parts while assembling it.
    assert page_cache.served_copies.size > len(plain)


def test_a_page_has_one_etag_whether_rendered_or_assembled(client, article, settings):
    """The ETag of the rendered page (a miss) is the one a hit assembled from the stored
    parts and rails sends, so a reader's conditional request is answered 304 either way;
    a rail that changes changes it."""
    from masthead.caching import pages as page_cache
    from masthead.news.models import NewsFeedItem

    settings.PAGE_CACHE_LOCAL_BYTES = 0  # every hit assembles the page from the shared store
    rendered = client.get(article.url)
    assert rendered["X-Cache"] == "MISS"
    page_cache.served_copies.clear()
    assembled = client.get(article.url)
    assert assembled["X-Cache"] == "HIT"
    assert assembled.content == rendered.content
    assert assembled["ETag"] == rendered["ETag"]
    again = client.get(article.url, HTTP_IF_NONE_MATCH=rendered["ETag"])
    assert again.status_code == 304
    NewsFeedItem.objects.create(headline="The rail moves on", summary="Checked here.")
    client.get(article.url)  # renders the rail again
    changed = client.get(article.url, HTTP_IF_NONE_MATCH=rendered["ETag"])
    assert changed.status_code == 200
    assert b"The rail moves on" in changed.content
    assert changed["ETag"] != rendered["ETag"]


def test_the_gzip_trailer_is_summed_from_the_parts_alone():
    """The CRC-32 of parts joined is made from each part's sums, without their bytes, for
    parts of any length (empty ones, and ones whose CRC is 0, included)."""
    import zlib

    from masthead.caching.pages import deflate_part, gzip_joined, part_sums

    pieces = [b"", b"<p>first</p>" * 50, b"\x00\x00\x00\x00", b"x", b"", bytes(range(256)) * 9]
    joined, length = gzip_joined([(deflate_part(p), part_sums(p)) for p in pieces])
    joined = b"".join(joined)
    whole = b"".join(pieces)
    assert length == len(whole)
    assert gzip.decompress(joined) == whole
    assert joined[-8:-4] == zlib.crc32(whole).to_bytes(4, "little")


def test_a_page_dropped_from_the_process_copies_is_freed_at_once(client, article, settings):
    """A kept page holds no reference cycle: once dropped it is freed by its last reference,
    not left for the garbage collector's full pass, which stalled every thread of a worker
    for 100-150 ms each time during the spike bench."""
    import gc
    import weakref

    from django.test import RequestFactory

    from masthead.caching import pages as page_cache

    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    page_cache.served_copies.clear()
    client.get(article.url)
    gc.disable()
    try:
        answer = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
        assert answer["X-Cache"] == "HIT"
        raw = page_cache.raw_url(RequestFactory().get(article.url).META)
        kept = page_cache.served_copies.get(raw)
        assert isinstance(kept, page_cache.ServedPage)
        client.get(article.url, HTTP_ACCEPT_ENCODING="br")  # a second encoding, counted
        dropped = weakref.ref(kept)
        del kept
        page_cache.served_copies.clear()
        assert dropped() is None
    finally:
        gc.enable()


def test_a_kept_page_leaves_the_garbage_collector_little_to_walk(client, article):
    """A worker keeps thousands of pages: their parts are tuples of bytes and strings, which
    the collector stops tracking, so its full passes (each a stall of the whole process) do
    not grow with them."""
    import gc

    from django.test import RequestFactory

    from masthead.caching import pages as page_cache

    page_cache.served_copies.clear()
    client.get(article.url)
    assert client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")["X-Cache"] == "HIT"
    kept = page_cache.served_copies.get(page_cache.raw_url(RequestFactory().get(article.url).META))
    gc.collect()
    parts = [kept.headers, kept.pieces, kept.stored.parts, kept.stored.sums, kept.stored.headers]
    gc.collect()  # a tuple of tuples drops out one level a pass
    assert [gc.is_tracked(part) for part in parts] == [False] * len(parts)
    assert not hasattr(kept, "__dict__") and not hasattr(kept.stored, "__dict__")
