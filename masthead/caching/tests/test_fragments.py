"""Shared rendered fragments (header, footer, the article rail, the article's own text): kept
between requests, never stale after a publish, an unpublish or a deletion, never personal."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from masthead.caching import fragments
from masthead.caching import tags as cache_tags

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False  # every request renders: only fragments are shared


def _render(source, **context):
    request = RequestFactory().get("/")
    return Template("{% load caching_tags %}" + source).render(
        Context({"request": request, **context})
    )


def test_a_fragment_is_rendered_once_and_then_served_from_the_cache():
    calls = []
    source = '{% fragment "probe" %}{{ probe }}{% endfragment %}'
    first = _render(source, probe=lambda: calls.append(1) or "one")
    second = _render(source, probe=lambda: calls.append(1) or "two")
    assert first == second == "one"
    assert len(calls) == 1


def test_the_key_parts_name_separate_copies():
    source = '{% fragment "probe" which %}{{ which }}{% endfragment %}'
    assert _render(source, which="a") == "a"
    assert _render(source, which="b") == "b"


def test_a_bumped_tag_makes_the_fragments_that_show_it_a_miss():
    source = '{% fragment "probe" tags="listing" %}{{ value }}{% endfragment %}'
    assert _render(source, value="old") == "old"
    cache_tags.bump([cache_tags.LISTING])
    assert _render(source, value="new") == "new"


def test_a_bumped_tag_leaves_the_fragments_that_do_not_show_it():
    source = '{% fragment "probe" tags="people" %}{{ value }}{% endfragment %}'
    assert _render(source, value="old") == "old"
    cache_tags.bump([cache_tags.LISTING, cache_tags.FEED])
    assert _render(source, value="new") == "old"


def test_the_site_wide_tag_makes_every_fragment_a_miss():
    source = '{% fragment "probe" tags="people" %}{{ value }}{% endfragment %}'
    assert _render(source, value="old") == "old"
    cache_tags.bump([cache_tags.SITE])
    assert _render(source, value="new") == "new"


def test_a_preview_never_reads_or_writes_a_stored_copy():
    source = '{% fragment "probe" %}{{ value }}{% endfragment %}'
    assert _render(source, value="live") == "live"
    request = RequestFactory().get("/")
    request.is_preview = True
    template = Template("{% load caching_tags %}" + source)
    assert template.render(Context({"request": request, "value": "draft"})) == "draft"
    assert _render(source, value="other") == "live"


def test_switched_off_it_renders_every_time(settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    source = '{% fragment "probe" %}{{ value }}{% endfragment %}'
    assert _render(source, value="a") == "a"
    assert _render(source, value="b") == "b"


def test_the_rail_shows_a_newly_published_story_at_once(
    client, make_article, article, django_capture_on_commit_callbacks
):
    make_article(title="Grain corridor holds", slug="grain")
    assert b"Grain corridor holds" in client.get(article.url).content
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert b"Ferry service resumes" in client.get(article.url).content


def test_a_withdrawn_story_leaves_every_rail_and_header_at_once(
    client, make_article, article, django_capture_on_commit_callbacks
):
    withdrawn = make_article(title="Grain corridor holds", slug="grain")
    assert b"Grain corridor holds" in client.get(article.url).content
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.unpublish()
    assert b"Grain corridor holds" not in client.get(article.url).content


def test_a_deleted_story_leaves_the_rail_at_once(
    client, make_article, article, django_capture_on_commit_callbacks
):
    doomed = make_article(title="Grain corridor holds", slug="grain")
    assert b"Grain corridor holds" in client.get(article.url).content
    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()
    assert b"Grain corridor holds" not in client.get(article.url).content


def test_an_edited_article_shows_its_new_text_at_once(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.url)
    article.title = "Bridge reopens to lorries"
    article.standfirst = "Heavy traffic crosses again."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    page = client.get(article.url).content
    assert b"Bridge reopens to lorries" in page
    assert b"Heavy traffic crosses again." in page


def test_an_edit_shows_even_before_this_process_sees_the_purge(client, article, settings):
    """Another process publishes; this one still remembers the old tag versions for a moment.
    The article's own text is keyed by its publish time, so it is new at once anyway."""
    client.get(article.url)
    settings.FRAGMENT_CACHE_ENABLED = True
    article.title = "Bridge reopens to lorries"
    article.save_revision().publish()  # no on-commit purge runs inside this test transaction
    assert b"Bridge reopens to lorries" in client.get(article.url).content


def test_the_edit_link_is_never_shown_to_a_reader_after_an_editor_viewed_the_page(
    client, article, editor
):
    client.force_login(editor)
    assert b"Edit post" in client.get(article.url).content
    client.logout()
    assert b"Edit post" not in client.get(article.url).content


def test_the_fragment_key_changes_with_every_part():
    assert fragments.key_for("a", 1) != fragments.key_for("a", 2)
    assert fragments.key_for("a", 1) != fragments.key_for("b", 1)
    assert fragments.key_for("a", "1", "2") != fragments.key_for("a", "12")


def test_the_front_page_reads_its_stories_only_when_a_part_is_drawn_afresh(
    client, home, article, settings, django_assert_max_num_queries
):
    settings.SITE_MEMO_SECONDS = 60  # production keeps the site, settings and pages too
    client.get("/")
    client.get("/")  # the first view creates the settings rows, which forgets kept copies
    with django_assert_max_num_queries(0):
        response = client.get("/")
    assert article.title.encode() in response.content


def test_the_front_page_shows_a_newly_published_story_at_once(
    client, home, make_article, article, django_capture_on_commit_callbacks
):
    assert article.title.encode() in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert b"Ferry service resumes" in client.get("/").content


def test_the_front_page_shows_new_curation_at_once(
    client, home, make_article, article, django_capture_on_commit_callbacks
):
    older = make_article(title="Grain corridor holds", slug="grain")
    client.get("/")
    home.lead_story = older
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    lead = client.get("/").content.split(b"front-lead__main", 1)[1].split(b"</div>", 1)[0]
    assert b"Grain corridor holds" in lead


def test_a_withdrawn_story_leaves_the_front_page_at_once(
    client, home, make_article, article, django_capture_on_commit_callbacks
):
    withdrawn = make_article(title="Grain corridor holds", slug="grain")
    assert b"Grain corridor holds" in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.unpublish()
    assert b"Grain corridor holds" not in client.get("/").content


@pytest.fixture
def local_copies(settings):
    """This process keeps its own copies of fragments, as in production."""
    settings.FRAGMENT_CACHE_LOCAL_BYTES = 1024 * 1024
    fragments.copies.clear()
    yield
    fragments.copies.clear()


def test_a_fragment_kept_in_the_process_is_served_without_reading_the_cache(local_copies):
    from django.core.cache import cache

    source = '{% fragment "probe" %}{{ value }}{% endfragment %}'
    assert _render(source, value="one") == "one"
    cache.delete(fragments.key_for("probe", "http", "testserver"))  # the shared copy is gone
    assert _render(source, value="two") == "one"


def test_a_kept_fragment_is_dropped_when_content_changes(local_copies):
    source = '{% fragment "probe" %}{{ value }}{% endfragment %}'
    assert _render(source, value="old") == "old"
    cache_tags.bump([cache_tags.SITE])
    assert _render(source, value="new") == "new"


def test_a_kept_fragment_is_not_used_past_its_timeout(local_copies, monkeypatch):
    import time

    source = '{% fragment "probe" timeout=15 %}{{ value }}{% endfragment %}'
    assert _render(source, value="old") == "old"
    later, later_monotonic = time.time() + 16, time.monotonic() + 16
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "monotonic", lambda: later_monotonic)
    assert _render(source, value="new") == "new"
