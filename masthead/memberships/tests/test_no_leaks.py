"""The withheld part of a premium article never reaches a non-member, by any channel.

One module for every channel: the article page (anonymous and signed-in non-members, its
JSON-LD and meta tags), then every other public URL the project has at test time (feeds,
search, sitemaps, podcast, API... whichever helper built them), found by walking the URL
configuration, plus the non-HTTP channels (newsletter, narration) when their code exists.
A channel that does not exist yet is skipped with the reason."""

import importlib
import itertools
import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone

from masthead.memberships.access import public_blocks
from masthead.memberships.models import Membership

from .conftest import SECRET, premium_body

pytestmark = pytest.mark.django_db

# Fragments of the withheld part: the secret sentence, the members-only quote and subheading.
WITHHELD = [SECRET, "never rebuilt", "Hidden quote of the depot chief", "Members read on"]
# A word found only in the withheld text, to search for.
WITHHELD_WORD = "depots"


def assert_no_withheld_text(text: str, where: str):
    for fragment in WITHHELD:
        assert fragment not in text, f"withheld text {fragment!r} leaked through {where}"


@pytest.fixture
def secret_article(make_article):
    return make_article(
        title="Inside the rail yards",
        slug="inside-the-rail-yards",
        standfirst="What the repair crews found, by the numbers.",
        body=premium_body(),
        is_premium=True,
        tags=("Rail", "Logistics"),
    )


# --- the article page ---------------------------------------------------------------------


def readers(django_user_model):
    """Everyone who must not read the withheld part."""
    from masthead.accounts.tests.factories import UserFactory

    cancelled = UserFactory(username="cancelled")
    Membership.objects.create(user=cancelled, status=Membership.CANCELLED)
    lapsed = UserFactory(username="lapsed")
    Membership.objects.create(
        user=lapsed,
        status=Membership.PAST_DUE,
        past_due_since=timezone.now() - timedelta(days=60),
    )
    return {
        "anonymous": None,
        "signed-in non-member": UserFactory(username="nonmember"),
        "cancelled member": cancelled,
        "lapsed past-due member": lapsed,
    }


def test_the_article_page_never_carries_withheld_text_to_non_members(
    secret_article, django_user_model
):
    for label, user in readers(django_user_model).items():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(secret_article.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert_no_withheld_text(html, f"the article page ({label})")
        assert "Open paragraph number 2." in html, label  # the free part is there
        assert 'class="join-prompt"' in html, label


def test_the_json_ld_and_meta_tags_carry_no_withheld_text(client, secret_article):
    page = BeautifulSoup(client.get(secret_article.url).content, "html.parser")
    for script in page.select("script[type='application/ld+json']"):
        data = json.loads(script.string)
        assert_no_withheld_text(json.dumps(data), "JSON-LD")
        if data.get("@type") == "NewsArticle":
            assert data["isAccessibleForFree"] is False
            assert data["hasPart"]["cssSelector"]
            assert "articleBody" not in data
    for meta in page.select("meta[content]"):
        assert_no_withheld_text(meta["content"], f"<meta {meta.attrs}>")
    assert_no_withheld_text(page.title.get_text(), "<title>")


def test_the_members_only_text_is_really_in_the_article(client, secret_article, editor):
    """Guards the tests above: the secret is in the body, so its absence means something."""
    client.force_login(editor)
    assert SECRET in client.get(secret_article.url).content.decode()
    assert all(SECRET not in str(block.value) for block in public_blocks(secret_article))


# --- every other public URL -----------------------------------------------------------------

# Named URLs that are not reader channels (admin, forms that only accept POST, webhooks).
SKIP_PREFIXES = ("wagtail", "admin", "django-admin", "memberships:", "password", "logout")


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for key in list(resolver.reverse_dict.keys()):
        if isinstance(key, str):
            yield namespace + key, resolver.reverse_dict.getlist(key)
    for ns, (_prefix, sub) in resolver.namespace_dict.items():
        yield from _named_urls(sub, f"{namespace}{ns}:")


def _argument_values(article):
    section = article.get_parent().specific
    tags = [tag.slug for tag in article.tags.all()]
    authors = [author.slug for author in article.authors]
    published = article.first_published_at
    return {
        "slug": [section.slug, *tags, *authors, article.slug],
        "section": [section.slug],
        "section_slug": [section.slug],
        "tag": tags,
        "tag_slug": tags,
        "author": authors,
        "author_slug": authors,
        "article_slug": [article.slug],
        "pk": [article.pk],
        "id": [article.pk],
        "page_id": [article.pk],
        "article_id": [article.pk],
        "year": [published.year],
        "month": [published.month],
        "day": [published.day],
        "page": [1],
        "section_id": [section.pk],
    }


def public_urls(article) -> list[str]:
    """Every URL of the project that a GET can reach with values taken from the article (its
    section, tags, authors, id, date)."""
    values = _argument_values(article)
    urls = set()
    for name, entries in _named_urls():
        if name.startswith(SKIP_PREFIXES):
            continue
        for possibilities, _pattern, _defaults, _converters in entries:
            for _format, params in possibilities:
                if any(param not in values for param in params):
                    continue
                for combo in itertools.product(*(values[p] for p in params)):
                    try:
                        urls.add(reverse(name, kwargs=dict(zip(params, combo, strict=True))))
                    except NoReverseMatch:
                        continue
    return sorted(urls)


def test_no_public_url_carries_withheld_text(secret_article):
    client = Client(raise_request_exception=False)
    checked = []
    for url in public_urls(secret_article):
        for query in ("", f"?q={WITHHELD_WORD}") if "search" in url else ("",):
            response = client.get(url + query)
            if response.status_code != 200 or response.streaming:
                continue
            if not response.get("Content-Type", "").startswith(("text/", "application/")):
                continue
            assert_no_withheld_text(response.content.decode(errors="replace"), url + query)
            checked.append(url + query)
    # The walk really visits the listings that show this article (tag and author pages).
    assert any(url.startswith("/tags/") for url in checked), checked
    assert any(url.startswith("/authors/") for url in checked), checked


def _reverse_first(names, **kwargs):
    for name in names:
        try:
            return reverse(name, **kwargs)
        except NoReverseMatch:
            continue
    return None


SEARCH_NAMES = ["search", "site_search:search", "search:search", "site_search"]
API_NAMES = ["wagtailapi_v2:pages:listing", "api:pages:listing", "wagtailapi:pages:listing"]


@pytest.mark.parametrize(
    ("channel", "names", "query"),
    [
        ("RSS feed", ["feed-rss"], ""),
        ("Atom feed", ["feed-atom"], ""),
        ("podcast feed", ["podcast", "audio:podcast"], ""),
        ("search", SEARCH_NAMES, f"?q={WITHHELD_WORD}"),
        ("search (withheld word)", SEARCH_NAMES, "?q=rebuilt"),
        ("API", API_NAMES, "?fields=*"),
    ],
)
def test_named_channels_carry_no_withheld_text(client, secret_article, channel, names, query):
    url = _reverse_first(names)
    if url is None:
        pytest.skip(f"no {channel} URL in this codebase yet (tried {', '.join(names)})")
    response = client.get(url + query)
    assert response.status_code < 500, f"{channel} failed: {response.status_code}"
    if not response.streaming:
        assert_no_withheld_text(response.content.decode(errors="replace"), f"{channel} {url}")


# --- channels that are not URLs -------------------------------------------------------------

# (module, function names taking the article) for text sent outside the website.
NON_HTTP_CHANNELS = {
    "narration": (
        "masthead.audio.text",
        ["article_speech_text", "speech_text", "text_for_speech", "narration_text", "article_text"],
    ),
    "newsletter": (
        "masthead.newsletters.rendering",
        ["story_for", "article_html", "render_article", "article_summary", "article_text"],
    ),
}


@pytest.mark.parametrize("channel", sorted(NON_HTTP_CHANNELS))
def test_non_http_channels_carry_no_withheld_text(secret_article, channel):
    module_name, function_names = NON_HTTP_CHANNELS[channel]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        pytest.skip(f"no {channel} module ({module_name}) in this codebase yet")
    functions = [getattr(module, name) for name in function_names if hasattr(module, name)]
    if not functions:
        pytest.skip(f"{module_name} has none of {', '.join(function_names)}")
    for function in functions:
        assert_no_withheld_text(str(function(secret_article)), f"{channel}: {function.__name__}")


def test_search_index_text_for_non_members_has_no_withheld_text(secret_article):
    """Text prepared for snippets from the premium article must come from public_blocks."""
    from masthead.news.text import body_text

    assert_no_withheld_text(body_text(public_blocks(secret_article)), "public body text")
