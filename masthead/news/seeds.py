"""Demo newsroom: home, sections, articles with pictures, organisation pages, navigation."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from tqdm import tqdm
from wagtail.models import Locale, Page, Site

from masthead.core import site_url
from masthead.core.models import NavigationSettings, SiteSettings
from masthead.images.services import image_create_generated
from masthead.people.models import Author

from .models import (
    SECONDARY_STORY_SLOTS,
    ArticleAuthor,
    ArticleNote,
    ArticlePage,
    ArticleTag,
    EditorsPick,
    FrontPageStory,
    HeaderPromotions,
    HomePage,
    NewsFeedItem,
    PageViewBucket,
    SectionPage,
    StaticPage,
)

NEWSROOM_NAME = "Masthead Kyiv"


def _block(kind, value, related_ids):
    if kind == "paragraph":
        return {"type": "paragraph", "value": f"<p>{escape(value)}</p>"}
    if kind == "related":
        return {"type": "related_article", "value": {"article": related_ids[value]}}
    return {"type": kind, "value": value}


def _body(data, related_ids=None):
    return [
        _block(kind, value, related_ids)
        for kind, value in data["body"]
        if kind != "related" or related_ids is not None
    ]


def _lead_image(data, *, seed: int):
    """A demo article's lead picture, drawn from its data's "image" (`seed` varies the
    drawing)."""
    picture = data["image"]
    return image_create_generated(
        title=data["title"],
        palette=picture["palette"],
        motif=picture["motif"],
        credit=picture["credit"],
        caption=picture["caption"],
        seed=seed,
    )


def _publish(page, when=None):
    page.save_revision().publish()
    if when:
        Page.objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=when
        )
        ArticleTag.objects.filter(content_object_id=page.pk).update(published_at=when)


def _make_home() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage(title=NEWSROOM_NAME, slug="front-page", seo_title="Independent news from Kyiv")
    root.add_child(instance=home)
    _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = NEWSROOM_NAME
        site.save()
    else:
        hostname, port = site_url.site_address()
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=NEWSROOM_NAME,
        )
    # The Site's address is SITE_URL's, so Wagtail's own links agree with ours.
    site_url.sync_default_site()
    if old_root and old_root.pk != home.pk:
        old_root.delete()  # Wagtail's "Welcome" page
    return home


def _settings(site, home, sections, static_pages):
    site_settings = SiteSettings.for_site(site)
    site_settings.newsroom_name = NEWSROOM_NAME
    site_settings.tagline = "Independent journalism, funded by readers"
    site_settings.x_handle = "mastheadkyiv"
    site_settings.social_links = [
        ("link", {"network": network, "url": url})
        for network, url in [
            ("x", "https://x.com/mastheadkyiv"),
            ("facebook", "https://www.facebook.com/mastheadkyiv"),
            ("telegram", "https://t.me/mastheadkyiv"),
            ("youtube", "https://www.youtube.com/@mastheadkyiv"),
        ]
    ]
    site_settings.save()

    def links(pages):
        return [("link", {"page": page, "url": "", "label": ""}) for page in pages]

    nav = NavigationSettings.for_site(site)
    nav.sections = links(sections)
    nav.more_menu = links(
        static_pages[slug]
        for slug in ("about", "join-the-team", "team", "advertising", "jobs")
        if slug in static_pages
    )
    nav.footer_links = links(
        static_pages[slug]
        for slug in ("about", "advertising", "jobs", "team", "contacts")
        if slug in static_pages
    )
    nav.save()


def seed(*, stdout) -> None:
    """The newsroom once, then the reader site's parts, each only where it is missing."""
    new = not HomePage.objects.exists()
    if new:
        _seed_newsroom(stdout=stdout)
    _seed_news_feed(stdout=stdout)
    _seed_front_pages(stdout=stdout)
    if new:
        # With the demo newsroom only: the edition translates its sections and articles.
        # After the English front page, so the translated home starts up to date with it.
        _seed_ukrainian_edition(stdout=stdout)
        _seed_front_pages(stdout=stdout)
    _seed_header_promotions(stdout=stdout)
    _seed_page_views(stdout=stdout)
    if new:
        _front_page_pictures(stdout=stdout)


def _seed_newsroom(*, stdout) -> None:
    from .demo.content import ARTICLES, SECTIONS, STATIC_PAGES

    now = timezone.now()
    home = _make_home()
    site = Site.objects.get(root_page=home)

    sections = {}
    for data in SECTIONS:
        section = SectionPage(
            title=data["title"], slug=data["slug"], description=data["description"]
        )
        home.add_child(instance=section)
        _publish(section)
        sections[data["slug"]] = section

    static_pages = {}
    for data in STATIC_PAGES:
        page = StaticPage(
            title=data["title"],
            slug=data["slug"],
            standfirst=data.get("standfirst", ""),
            body=[
                {"type": "paragraph", "value": f"<p>{escape(p)}</p>"} for p in data["paragraphs"]
            ],
        )
        home.add_child(instance=page)
        _publish(page)
        static_pages[data["slug"]] = page

    authors = {author.slug: author for author in Author.objects.all()}
    created = {}
    # Oldest first, so page ids follow publication order as they would in a real newsroom.
    ordered = sorted(enumerate(ARTICLES), key=lambda item: -item[1]["hours_ago"])
    for index, data in tqdm(ordered, desc="Articles", unit="article"):
        lead = _lead_image(data, seed=index)
        page = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            lead_image=lead,
            body=_body(data),
            in_news_feed=data.get("in_news_feed", False),
            is_premium=data.get("is_premium", False),
            search_description=data["standfirst"][:300],
        )
        for order, slug in enumerate(data["authors"]):
            page.article_authors.add(ArticleAuthor(author=authors[slug], sort_order=order))
        published = now - timedelta(hours=data["hours_ago"])
        for order, note in enumerate(data.get("notes", [])):
            page.notes.add(
                ArticleNote(
                    kind=note["kind"],
                    text=note["text"],
                    published_at=max(published, now - timedelta(hours=note.get("hours_ago", 1))),
                    sort_order=order,
                )
            )
        page.tags.add(*data.get("tags", []))
        sections[data["section"]].add_child(instance=page)
        _publish(page, published)
        created[data["slug"]] = (page.pk, published)

    # Second pass: related-article cards, now that every article has an id.
    related_ids = {slug: pk for slug, (pk, _) in created.items()}
    for data in ARTICLES:
        if not any(kind == "related" for kind, _ in data["body"]):
            continue
        pk, published = created[data["slug"]]
        page = ArticlePage.objects.get(pk=pk)
        page.body = _body(data, related_ids)
        _publish(page, published)

    _settings(site, home, list(sections.values()), static_pages)
    stdout.write(f"Demo newsroom: {len(sections)} sections, {len(created)} articles.")


def _seed_news_feed(*, stdout) -> None:
    from .demo.content import NEWS_FEED_ITEMS

    if NewsFeedItem.objects.exists():
        return
    now = timezone.now()
    articles = dict(ArticlePage.objects.values_list("slug", "pk"))
    for data in NEWS_FEED_ITEMS:
        _add_news_feed_item(data, articles=articles, now=now)
    stdout.write(f"News Feed: {len(NEWS_FEED_ITEMS)} items.")


def _seed_front_pages(*, stdout) -> None:
    for home in HomePage.objects.order_by("path"):
        _seed_front_page(home, stdout=stdout)


def _add_news_feed_item(data, *, articles: dict[str, int], now, **fields) -> None:
    """One demo news-feed item from its data: its article found by slug in `articles`, its
    time counted back from `now`, its tags; `fields` set anything else (the locale)."""
    item = NewsFeedItem(
        headline=data["headline"],
        summary=data["summary"],
        article_id=articles.get(data["article"]) if data.get("article") else None,
        published_at=now - timedelta(minutes=data["minutes_ago"]),
        **fields,
    )
    item.tags.add(*data.get("tags", []))
    item.save()


def _seed_front_page(home, *, stdout) -> None:
    """Editors' choices for the demo: a lead, secondary stories from other sections, picks,
    all from the home page's own edition."""
    if home.lead_story_id or home.secondary_stories.exists():
        return
    latest = list(
        ArticlePage.objects.live()
        .descendant_of(home)
        .filter(lead_image__isnull=False)
        .newest_first()[:40]
    )
    if not latest:
        return
    lead, sections_used, secondary = latest[0], {latest[0].get_parent().pk}, []
    for article in latest[1:]:
        section_id = article.get_parent().pk
        if section_id not in sections_used and len(secondary) < SECONDARY_STORY_SLOTS - 1:
            sections_used.add(section_id)
            secondary.append(article)
    chosen = {lead.pk, *(a.pk for a in secondary)}
    picks = [a for a in latest if a.pk not in chosen and a.word_count > 300][:4]
    home.lead_story = lead
    home.secondary_stories = [
        FrontPageStory(article=article, sort_order=order) for order, article in enumerate(secondary)
    ]
    home.editors_picks = [
        EditorsPick(article=article, sort_order=order) for order, article in enumerate(picks)
    ]
    home.save_revision().publish()
    stdout.write(
        f"Front page ({home.locale.language_code}): lead, {len(secondary)} secondary stories,"
        f" {len(picks)} picks."
    )


def _seed_ukrainian_edition(*, stdout) -> None:
    """The Ukrainian edition: its home and sections as translations of the English ones,
    Ukrainian articles (some translations of English articles, sharing their translation key)
    and news-feed items. Each part only where it is missing."""
    from .demo import uk as demo

    if "uk" not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        return
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        return
    home = site.root_page.specific
    uk, _ = Locale.objects.get_or_create(language_code="uk")

    uk_home = home.get_translation_or_none(uk)
    if uk_home is None:
        uk_home = home.copy_for_translation(uk)
        uk_home.title = demo.HOME["title"]
        uk_home.seo_title = demo.HOME["seo_title"]
        # The copy points at English stories; the edition's own are chosen below.
        uk_home.lead_story = None
        uk_home.secondary_stories = []
        uk_home.editors_picks = []
        _publish(uk_home)

    sections = {}
    for section in SectionPage.objects.child_of(home).filter(slug__in=demo.SECTIONS):
        data = demo.SECTIONS[section.slug]
        translation = section.get_translation_or_none(uk)
        if translation is None:
            translation = section.copy_for_translation(uk)
            translation.title = data["title"]
            translation.slug = data["slug"]
            translation.description = data["description"]
            _publish(translation)
            # Publishing saved another copy: read back the new slug's url_path, or the
            # stories added under this one would keep the English section in their paths.
            translation = SectionPage.objects.get(pk=translation.pk)
        sections[section.slug] = translation

    made = _seed_ukrainian_articles(demo, uk, sections)
    items = _seed_ukrainian_news_feed(demo, uk)
    if made or items:
        stdout.write(f"Ukrainian edition: {made} articles, {items} news-feed items.")


def _seed_ukrainian_articles(demo, uk, sections) -> int:
    now = timezone.now()
    authors = {author.slug: author for author in Author.objects.all()}
    existing = set(ArticlePage.objects.filter(locale=uk).values_list("slug", flat=True))
    made = 0
    for index, data in enumerate(demo.ARTICLES):
        if data["slug"] in existing:
            continue
        if data.get("translation_of"):
            source = (
                ArticlePage.objects.filter(slug=data["translation_of"]).exclude(locale=uk).first()
            )
            if source is None or source.get_translation_or_none(uk) is not None:
                continue
            if source.get_parent().specific.get_translation_or_none(uk) is None:
                continue
            # The translation starts as Wagtail's copy (bylines, pictures, tags, blocks),
            # then gets its Ukrainian text, as an editor's would.
            page = source.copy_for_translation(uk)
            page.lead_image_caption = data["lead_image_caption"]
            published = min(now, source.first_published_at + timedelta(hours=2))
        else:
            section = sections.get(data["section"])
            bylines = [authors[slug] for slug in data["authors"] if slug in authors]
            if section is None or not bylines:
                continue
            page = ArticlePage(locale=uk, lead_image=_lead_image(data, seed=200 + index))
            for order, author in enumerate(bylines):
                page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
            published = now - timedelta(hours=data["hours_ago"])
        page.title = data["title"]
        page.slug = data["slug"]
        page.standfirst = data["standfirst"]
        page.search_description = data["standfirst"][:300]
        page.body = _body(data)
        if page.pk:
            page.tags.clear()
            page.save()
        page.tags.add(*data["tags"])
        if not page.pk:
            section.add_child(instance=page)
        _publish(page, published)
        made += 1
    return made


def _seed_ukrainian_news_feed(demo, uk) -> int:
    headlines = [data["headline"] for data in demo.NEWS_FEED_ITEMS]
    existing = set(
        NewsFeedItem.objects.filter(headline__in=headlines).values_list("headline", flat=True)
    )
    now = timezone.now()
    articles = dict(ArticlePage.objects.filter(locale=uk).values_list("slug", "pk"))
    made = 0
    for data in demo.NEWS_FEED_ITEMS:
        if data["headline"] in existing:
            continue
        _add_news_feed_item(data, articles=articles, now=now, locale=uk)
        made += 1
    return made


HEADER_PROMOS = [
    # (title, call to action, link, palette, motif)
    ("Newsletters", "Sign up", "/newsletters/", (46, 84, 128), "city"),
    ("Store", "Shop Now", "https://store.example.org/", (164, 52, 58), "field"),
    ("Insights", "Learn more", "/analysis/", (212, 148, 62), "night"),
]


def _seed_header_promotions(*, stdout) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    promotions = HeaderPromotions.for_site(site)
    if promotions.promos:
        return
    promos = []
    for index, (title, cta, url, palette, motif) in enumerate(HEADER_PROMOS):
        image = image_create_generated(
            title=f"{title} promotion",
            palette=palette,
            motif=motif,
            seed=100 + index,
            size=(480, 320),
        )
        promos.append(
            ("promo", {"title": title, "call_to_action": cta, "image": image, "url": url})
        )
    promotions.promos = promos
    promotions.save()


def _seed_page_views(*, stdout) -> None:
    """A day of plausible reading for the demo's Most popular (real counts replace it)."""
    if PageViewBucket.objects.exists():
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    articles = list(ArticlePage.objects.live().newest_first().values_list("pk", flat=True)[:12])
    buckets = [
        PageViewBucket(page_id=pk, hour=now - timedelta(hours=hour), views=(12 - rank) * 37 + hour)
        for rank, pk in enumerate(articles)
        for hour in range(6)
    ]
    PageViewBucket.objects.bulk_create(buckets)


def _front_page_pictures(*, stdout) -> None:
    """Draw the front page once, here, so that its picture renditions (every size and format
    of every picture on it, over a hundred) exist before the first reader asks for the page:
    made by that first request instead, they kept it waiting for many seconds, for over a
    minute on a busy machine. The worker makes every other image's renditions afterwards."""
    home = HomePage.objects.live().first()
    if home is None:
        return
    response = home.make_preview_request()
    if response.status_code != 200:
        stdout.write(f"Front page: drawing it ahead answered {response.status_code}.")
