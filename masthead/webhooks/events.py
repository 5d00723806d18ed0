"""The events endpoints can choose, and the payload of each: public fields only.

Nothing here may carry members-only text (a premium body), a reader's email or the text of a
comment nobody has approved: a payload leaves the newsroom for a system we do not control.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from masthead.core import site_url

ARTICLE_PUBLISHED = "article.published"
ARTICLE_UPDATED = "article.updated"
ARTICLE_UNPUBLISHED = "article.unpublished"
FEED_ITEM_PUBLISHED = "feed_item.published"
NEWSLETTER_ISSUE_SENT = "newsletter_issue.sent"
COMMENT_HELD = "comment.held"
# Sent only by "Send a test event" in the admin, to the one endpoint; not choosable.
TEST = "webhook.test"

EVENTS = [
    (ARTICLE_PUBLISHED, "Article published (first time live, or live again)"),
    (ARTICLE_UPDATED, "Article updated (a live article republished)"),
    (ARTICLE_UNPUBLISHED, "Article unpublished (or deleted while live)"),
    (FEED_ITEM_PUBLISHED, "News-feed item published"),
    (NEWSLETTER_ISSUE_SENT, "Newsletter issue sent"),
    (COMMENT_HELD, "Comment held for moderation"),
]
EVENT_CHOICES = [*EVENTS, (TEST, "Test event")]
EVENT_TYPES = [name for name, _ in EVENTS]


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _section(page) -> dict | None:
    parent = page.get_parent()
    if parent is None:
        return None
    return {"id": parent.pk, "title": parent.title, "url": site_url.page_url(parent)}


def article_data(page) -> dict:
    """An article as any reader may see it: the standfirst is public (teasers show it), the
    body is not sent at all (premium bodies are members-only)."""
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.standfirst,
        "url": site_url.page_url(page),
        "language": page.locale.language_code,
        "first_published_at": _time(page.first_published_at),
        "last_published_at": _time(page.last_published_at),
        "premium": bool(page.is_premium),
        "section": _section(page),
        "authors": [
            {"id": author.pk, "name": author.name, "role": author.role} for author in page.authors
        ],
    }


def unpublished_article_data(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "url": site_url.page_url(page),
        "language": page.locale.language_code,
    }


def feed_item_data(item) -> dict:
    article = item.article if item.article_id and item.article.live else None
    return {
        "id": item.pk,
        "headline": item.headline,
        "summary": item.summary,
        "published_at": _time(item.published_at),
        "tags": sorted(tag.name for tag in item.tags.all()),
        "article": {"id": article.pk, "title": article.title, "url": site_url.page_url(article)}
        if article
        else None,
        "feed_url": site_url.absolute_url(reverse("news_feed")),
    }


def newsletter_issue_data(issue) -> dict:
    articles = [link.article for link in issue.items.select_related("article")]
    return {
        "id": issue.pk,
        "newsletter": {"id": issue.newsletter_id, "name": issue.newsletter.name},
        "subject": issue.subject,
        "sent_at": _time(issue.finished_at),
        "recipients": issue.recipients_total,
        "articles": [
            {"id": a.pk, "title": a.title, "url": site_url.page_url(a) if a.live else None}
            for a in articles
        ],
    }


def comment_held_data(comment) -> dict:
    """Which comment waits and where to moderate it; not its text or its author, which are
    the reader's until a moderator publishes them."""
    article = comment.article
    return {
        "id": comment.pk,
        "article": {"id": article.pk, "title": article.title, "url": site_url.page_url(article)},
        "reason": comment.held_reason,
        "is_reply": comment.parent_id is not None,
        "created_at": _time(comment.created_at),
        "moderation_url": site_url.absolute_url(reverse("comments_admin:queue")),
    }
