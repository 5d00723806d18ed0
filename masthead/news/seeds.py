"""Demo newsroom: home, sections, articles with pictures, organisation pages, navigation."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from tqdm import tqdm
from wagtail.models import Page, Site

from masthead.core.models import NavigationSettings, SiteSettings
from masthead.images.services import image_create_generated
from masthead.people.models import Author

from .models import ArticleAuthor, ArticleNote, ArticlePage, HomePage, SectionPage, StaticPage

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


def _publish(page, when=None):
    page.save_revision().publish()
    if when:
        Page.objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=when
        )


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
        site = Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=NEWSROOM_NAME
        )
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
    from .demo.content import ARTICLES, SECTIONS, STATIC_PAGES

    if HomePage.objects.exists():
        return
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
        picture = data["image"]
        lead = image_create_generated(
            title=data["title"],
            palette=picture["palette"],
            motif=picture["motif"],
            credit=picture["credit"],
            caption=picture["caption"],
            seed=index,
        )
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
