"""Every absolute URL the site emits (pages, feeds, sitemaps, robots.txt, podcast enclosures,
emails) is on SITE_URL, never on the host that asked nor on the Wagtail Site record."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from masthead.core.models import SiteSettings
from masthead.images.tests.factories import make_image
from masthead.news.models import NewsFeedItem, StaticPage
from masthead.search.models import FeedSettings

pytestmark = pytest.mark.django_db

# Neither the test client's host (testserver) nor the Site record's (127.0.0.1:8000).
SITE = "https://news.example.org"
# Links that deliberately leave the site: the newsroom's and the author's own accounts, and
# the schema.org vocabulary JSON-LD names.
SOCIAL = ["https://x.com/mastheadkyiv", "https://t.me/mastheadkyiv"]
AUTHOR_WEBSITE = "https://iryna.example.net/"
EXTERNAL = (*SOCIAL, "https://x.com/", AUTHOR_WEBSITE, "https://schema.org")

URL = re.compile(r"""https?://[^\s"'<>()\\]+""")
# A path in HTML read away from the site (a feed reader, an email client) leads nowhere.
RELATIVE = re.compile(r"""(?:href|src|srcset)=["']/(?!/)""")
XML_NAMESPACE = re.compile(r"""xmlns(?::\w+)?=["']([^"']+)["']""")


@pytest.fixture(autouse=True)
def _site_url_and_caches_on(settings):
    settings.SITE_URL = SITE
    # As production runs: answers may come from the page cache or shared fragments.
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def newsroom(home, section, author, make_article, django_capture_on_commit_callbacks):
    """One of each kind of page, with a narrated article and a news-feed item."""
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.x_handle = "mastheadkyiv"
    site_settings.social_links = [
        ("link", {"network": network, "url": url})
        for network, url in zip(("x", "telegram"), SOCIAL, strict=True)
    ]
    site_settings.save()
    author.website = AUTHOR_WEBSITE
    author.x_handle = "irynademo"
    author.save()
    body = [
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{section.pk}">more</a>.</p>',
        },
        {"type": "image", "value": {"image": make_image(seed=2).pk, "caption": "", "credit": ""}},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            title="Bridge reopens",
            slug="bridge",
            tags=("Kyiv",),
            notes=[("correction", "Fixed.")],
            body=body,
        )
    article.narration.refresh_from_db()
    assert article.narration.is_current
    about = StaticPage(title="About", slug="about", standfirst="Who we are.")
    home.add_child(instance=about)
    about.save_revision().publish()
    NewsFeedItem.objects.create(
        headline="Alert lifted", summary="No damage.", published_at=timezone.now()
    )
    return {"article": article, "about": about}


def absolute_urls(text: str) -> set[str]:
    namespaces = set(XML_NAMESPACE.findall(text))
    return {url.rstrip(".,;") for url in URL.findall(text)} - namespaces


def off_site(urls) -> list[str]:
    return sorted(
        url
        for url in urls
        if url != SITE and not url.startswith(SITE + "/") and not url.startswith(EXTERNAL)
    )


def test_every_absolute_url_on_every_page_type_is_on_site_url(client, newsroom, section):
    article = newsroom["article"]
    year = article.first_published_at.year
    paths = [
        "/",
        section.url,
        article.url,
        newsroom["about"].url,
        "/tags/kyiv/",
        "/authors/iryna-demo/",
        "/news-feed/",
        f"/archive/{year}/",
        "/corrections/",
        "/search/?q=bridge",
        reverse("memberships:join"),
    ]
    seen = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        urls = absolute_urls(response.content.decode())
        assert urls, path
        seen[path] = urls
        assert off_site(urls) == [], path
    # What the pages must carry, all on SITE_URL:
    assert f"{SITE}/" in seen["/"]  # the front page's canonical
    assert f"{SITE}{article.url}" in seen[article.url]  # canonical, og:url, JSON-LD
    assert any(url.endswith(".jpg") for url in seen[article.url])  # og:image
    assert f"{SITE}/tags/kyiv/" in seen["/tags/kyiv/"]


def test_every_absolute_url_in_feeds_sitemaps_and_robots_is_on_site_url(
    client, newsroom, section, home
):
    feed_settings = FeedSettings.for_site(home.get_site())
    feed_settings.item_content = "full"
    feed_settings.save()
    paths = [
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/sections/{section.slug}/rss/",
        f"/feeds/sections/{section.slug}/atom/",
        "/feeds/tags/kyiv/rss/",
        "/feeds/tags/kyiv/atom/",
        "/feeds/authors/iryna-demo/rss/",
        "/feeds/authors/iryna-demo/atom/",
        "/audio/podcast.xml",
        f"/audio/{section.slug}/podcast.xml",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]
    sitemaps = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = html.unescape(response.content.decode())
        urls = absolute_urls(text)
        assert urls and off_site(urls) == [], path
        assert not RELATIVE.search(text), path
        if path == "/sitemap.xml":
            sitemaps = sorted(urls)
    assert sitemaps
    for location in sitemaps:
        response = client.get(location.removeprefix(SITE))
        assert response.status_code == 200, location
        urls = absolute_urls(response.content.decode())
        assert urls and off_site(urls) == [], location
    full_text = html.unescape(client.get("/feeds/rss/").content.decode())
    assert f'href="{SITE}{section.url}"' in full_text  # the body's link to a page
    assert f'srcset="{SITE}/media/' in full_text  # the body's picture
    enclosure = SITE + newsroom["article"].narration.get_absolute_url()
    assert enclosure in absolute_urls(client.get("/audio/podcast.xml").content.decode())


def test_every_link_in_emails_is_on_site_url(newsroom, author, section):
    from masthead.accounts.services import send_sign_in_email_now
    from masthead.accounts.tests.factories import UserFactory
    from masthead.comments.models import Comment
    from masthead.comments.notifications import send_reply_notification_now
    from masthead.newsletters import rendering
    from masthead.newsletters.models import Newsletter
    from masthead.newsletters.services import confirmation_send
    from masthead.newsletters.tests.factories import make_issue, make_subscribers

    article = newsroom["article"]
    newsletter = Newsletter.objects.create(name="Morning", slug="morning", author=author)
    (subscriber,) = make_subscribers(newsletter, 1, status="pending")
    confirmation_send(subscriber_id=subscriber.pk, newsletter_id=newsletter.pk)
    send_sign_in_email_now(email="reader@example.org")
    asker, answerer = UserFactory(email="maria@example.org"), UserFactory()
    parent = Comment.objects.create(article=article, author=asker, body="Question?")
    reply = Comment.objects.create(article=article, author=answerer, body="Answer.", parent=parent)
    assert send_reply_notification_now(comment_id=reply.pk)
    assert len(mail.outbox) == 3

    intro = f'<p>Read <a linktype="page" id="{section.pk}">the section</a>.</p>'
    issue = rendering.render_issue(make_issue(newsletter, [article], intro=intro))
    texts = [issue.html, issue.text]
    texts.append(rendering.unsubscribe_url(subscriber_id=1, newsletter_id=newsletter.pk))
    texts.append(rendering.manage_url(1))
    for message in mail.outbox:
        texts.append(message.body)
        texts.extend(content for content, _ in getattr(message, "alternatives", []))
    for text in texts:
        urls = absolute_urls(text)
        assert urls and off_site(urls) == [], text[:200]
        assert not RELATIVE.search(text), text[:200]
    # Links in an issue go through the counted redirect (masthead/analytics): read where each
    # one forwards to.
    from masthead.analytics.newsletter_links import read_click_token

    targets = set()
    for url in absolute_urls(issue.html):
        if "/n/c/" in url:
            found = read_click_token(url.rstrip("/").rsplit("/", 1)[1], max_age=None)
            url = found[1] if found else url
        targets.add(url)
    assert any(t.startswith(f"{SITE}{article.url}") for t in targets)
    assert any(t.startswith(f"{SITE}{section.url}") for t in targets)  # the intro's page link
