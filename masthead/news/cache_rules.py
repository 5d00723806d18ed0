"""What changes to stories, news-feed items and header promotions purge (masthead/caching)."""

from masthead.caching import registry
from masthead.caching import tags as cache_tags
from masthead.caching.purge import page_path, reverse_path
from masthead.core.cache_rules import edited
from masthead.editions.homes import edition_home
from masthead.editions.languages import language_of

from .models import ArticlePage, HeaderPromotions, HomePage, NewsFeedItem, StaticPage

# URL names of the pages and feeds that list recent stories, purged at the edge on publish.
LISTING_URL_NAMES = ["news_feed", "news_feed_latest", "feed-rss", "feed-atom", "sitemap-index"]
NEWS_FEED_URL_NAMES = ["news_feed", "news_feed_latest"]


def _paths(names) -> list[str]:
    return [path for path in (reverse_path(name) for name in names) if path]


def paths_showing_article(article) -> list[str]:
    """Every path whose page shows ``article``: itself, the front page, its section, its tags'
    and authors' pages, the news feed, feeds and sitemaps."""
    paths = [page_path(article)]
    site = article.get_site()
    home = edition_home(site, language_of(article)) if site is not None else None
    if home is not None:
        paths.append(page_path(home))  # its own edition's front page, not the default one's
    parent = article.get_parent()
    if parent is not None and parent.depth > 2:
        paths.append(page_path(parent))
    paths += [reverse_path("tag", slug=tag.slug) for tag in article.tags.all()]
    links = article.article_authors.select_related("author")
    paths += [reverse_path("author", slug=link.author.slug) for link in links if link.author_id]
    paths += _paths(LISTING_URL_NAMES)
    return list(dict.fromkeys(path for path in paths if path))


def in_the_feed(article, kwargs) -> bool:
    """if the story is in the news feed"""
    return article.in_news_feed


registry.on_change(
    ArticlePage,
    events=["publish", "unpublish", "delete", "move"],
    tags=[cache_tags.LISTING],
    affects="lists of stories (front, section, tag, author pages, rails, feeds, sitemaps)",
)
registry.on_change(
    ArticlePage,
    events=["publish", "move"],
    when=in_the_feed,
    tags=[cache_tags.FEED],
    affects="the news feed page, its JSON and rail",
)
registry.on_change(
    ArticlePage,
    events=["unpublish", "delete"],
    tags=[cache_tags.FEED],
    affects="the news feed (a withdrawn story may have been in it)",
)


def front_page_and_feed(item) -> list[str]:
    """the front page, the news feed page and its JSON"""
    # Inside the item's edition (caching/signal_handlers.py): "/uk/..." for a Ukrainian one.
    return [*registry.front_page(item), *_paths(NEWS_FEED_URL_NAMES)]


def readers_see_it(item, kwargs) -> bool:
    """if readers see it: a publish, an unpublish or a live item deleted, not a draft save"""
    # Drafts, submissions and locks write only their own columns (update_fields); the text
    # readers see changes with a whole-row save of an item that is, or was, live.
    if kwargs.get("update_fields") is not None:
        return False
    return bool(item.live or getattr(item, "_live_when_loaded", False))


registry.on_change(
    NewsFeedItem,
    events=["save", "delete"],
    when=readers_see_it,
    tags=[cache_tags.FEED],
    edge=front_page_and_feed,
    affects="the news feed page, its JSON and the news-feed rail",
)
registry.on_change(
    HeaderPromotions,
    events=["save", "delete"],
    when=edited,
    tags=[cache_tags.SITE],
    edge=registry.front_page,
    affects="every page (the header)",
)

registry.edge_paths(ArticlePage, paths_showing_article)

# Stories are never in the navigation; their pages show nothing outside their fragments
# and slots that the fragments do not declare. The front page is all fragments.
registry.not_in_navigation(ArticlePage)
# A story withdrawn or moved (the tree tag) can bring an older one back into the "More news"
# rail that the others share, which must then leave itself out: rare enough to redraw all.
registry.page_shows(ArticlePage, cache_tags.TREE)
registry.page_shows(HomePage)
registry.page_shows(StaticPage)
