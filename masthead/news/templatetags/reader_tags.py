"""The reader site's reusable components: each one template, used on the front page and
beside every article (news/article_rail.html)."""

from django import template

from masthead.caching import fragments
from masthead.caching import tags as cache_tags
from masthead.core.models import SiteSettings

from .. import conf, popular, selectors

register = template.Library()


def latest_feed_data(request) -> list[dict]:
    """The newest feed entries as the live endpoint serves them (shared cache, no query when
    warm), so the server-rendered column and the script draw the same thing."""
    from ..views_reader import latest_feed_payload

    return latest_feed_payload(SiteSettings.for_request(request).zone)["entries"]


def _exclude(*pages) -> set[int]:
    ids: set[int] = set()
    for page in pages:
        if isinstance(page, int):
            ids.add(page)
        elif isinstance(page, (set, list, tuple)):
            ids.update(int(pk) for pk in page)
        elif getattr(page, "pk", None):
            ids.add(page.pk)
    return ids


@register.inclusion_tag("news/components/news_feed_column.html", takes_context=True)
def news_feed_column(context):
    limit = conf.news_feed_column_size()
    return {
        "entries": latest_feed_data(context["request"])[:limit],
        "limit": limit,
        "poll_seconds": conf.news_feed_poll_seconds(),
    }


@register.inclusion_tag("news/components/most_popular.html")
def most_popular():
    return {"articles": popular.most_popular()}


@register.inclusion_tag("news/components/editors_picks.html", takes_context=True)
def editors_picks(context, exclude=None, limit=5):
    home_id = selectors.home_page_id(context.get("request"))
    return {
        "articles": selectors.editors_picks(
            home_id=home_id, limit=limit, exclude_ids=_exclude(exclude)
        )
    }


@register.simple_tag(takes_context=True)
def rail_variant(context, page, picks=5, latest=6) -> str:
    """Which copy of the "Editors' Picks and More news" rail ``page`` shows: its own, only
    when it is one of the stories that rail could list (it must leave itself out), else the
    copy every other story shares, so a publish redraws that rail once, not once a story."""
    home_id = selectors.home_page_id(context.get("request"))

    def load():
        ids = {article.pk for article in selectors.latest_articles(limit=latest + 1)}
        ids |= {article.pk for article in selectors.editors_picks(home_id=home_id, limit=picks * 2)}
        return sorted(ids)

    # Isolated: the stored page need not depend on these ids. When they change, a page whose
    # copy changes is drawn again through its slot (its own copy is bumped with the list).
    shown = fragments.get_or_render(
        fragments.key_for("rail-ids", home_id, picks, latest),
        load,
        tags=[cache_tags.LISTING],
        isolated=True,
    )
    return str(page.pk) if page.pk in shown else "others"


@register.inclusion_tag("news/components/more_news.html")
def more_news(exclude=None, also_exclude=None, limit=6):
    return {
        "articles": selectors.latest_articles(
            limit=limit, exclude_ids=_exclude(exclude, also_exclude)
        )
    }


@register.inclusion_tag("news/components/pagination_head.html", takes_context=True)
def pagination_head(context, page_obj):
    """rel=prev/next links for the <head> of a paginated listing."""
    return {"page_obj": page_obj, "request": context.get("request")}
