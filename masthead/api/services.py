"""Writes made with an API key: a draft article, a news-feed item. Each is what a reporter
would make in the admin, made as the key's owner: the owner's permissions apply, the
revision is theirs, the newsroom's review workflow starts with them as the requester, and
the audit log names them and the key. Callers run these inside one transaction: a problem
found half-way (an unknown author, a slug taken) leaves nothing behind."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowState

from masthead.audit.log import record
from masthead.core.site_url import absolute_url
from masthead.news.models import ArticleAuthor, ArticlePage, NewsFeedItem, SectionPage
from masthead.people.models import Author

from . import bodies
from .access import Invalid
from .models import ApiDraft, ApiKey

STATUS_IN_REVIEW, STATUS_DRAFT, STATUS_LIVE = "in_review", "draft", "live"
_TAG_FORBIDDEN = set(',"')


class NotAllowed(Exception):
    """The key's owner may not do this (a 403)."""


class NotFound(Exception):
    """No such thing for this key (a 404)."""


class Conflict(Exception):
    """Not now: the thing is not in a state that allows it (a 409)."""


def _conf(name: str, default):
    return getattr(settings, name, default)


def _model_errors(error: ValidationError, names: dict[str, str] | None = None) -> Invalid:
    """A model's full_clean errors as the API's field messages."""
    names = names or {}
    if hasattr(error, "error_dict"):
        problems = [
            (names.get(field, field if field != "__all__" else "(body)"), message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    else:
        problems = [("(body)", message) for message in error.messages]
    return Invalid(problems)


def _tags(names: list[str], field: str = "tags") -> list:
    """Existing tags by name, whatever their case (so `kyiv` joins `Kyiv`), else new names."""
    problems = [
        (f"{field}.{i}", "A tag name may not contain commas or double quotes.")
        for i, name in enumerate(names)
        if _TAG_FORBIDDEN & set(name)
    ]
    if problems:
        raise Invalid(problems)
    found = []
    for name in dict.fromkeys(names):
        found.append(Tag.objects.filter(name__iexact=name).order_by("pk").first() or name)
    return found


def _start_review(obj, user) -> tuple[str, str | None]:
    """Submit ``obj`` to its workflow, if it has one: (status, workflow name)."""
    workflow = obj.get_workflow() if _conf("WAGTAIL_WORKFLOW_ENABLED", True) else None
    if workflow is None or not workflow.active:
        return STATUS_DRAFT, None
    workflow.start(obj, user)
    return STATUS_IN_REVIEW, workflow.name


# --- articles ---------------------------------------------------------------------------


def _created(obj, owner):
    """The first revision of a new page or item, logged as the admin logs a creation."""
    revision = obj.save_revision(user=owner, log_action=False)
    log(instance=obj, action="wagtail.create", user=owner, revision=revision, content_changed=True)
    return revision


def _record(event: str, *, key: ApiKey, request, target, **details) -> None:
    """The audit log's line for a write made with `key`: its owner is the actor, and the key
    is named."""
    record(
        event,
        request=request,
        actor=key.owner,
        target=target,
        key=str(key),
        key_id=key.pk,
        **details,
    )


def _section(value) -> SectionPage:
    sections = SectionPage.objects.all()
    found = (sections.filter(pk=value) if isinstance(value, int) else sections.filter(slug=value))[
        :2
    ]
    if not found:
        raise Invalid([("section", "No such section (give its id or slug).")])
    if len(found) > 1:
        raise Invalid([("section", "Several sections have this slug: give the id.")])
    return found[0]


def _authors(ids: list[int]) -> list[Author]:
    ids = list(dict.fromkeys(ids))
    found = Author.objects.in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise Invalid([("authors", f"No author with id {', '.join(missing)}.")])
    return [found[pk] for pk in ids]


def _body(body, body_html) -> list[dict]:
    stream_block = ArticlePage._meta.get_field("body").stream_block
    max_blocks = _conf("API_ARTICLE_MAX_BLOCKS", 500)
    data = []
    try:
        if body is not None:
            data += bodies.blocks_from_json(body, stream_block, max_blocks=max_blocks)
        if body_html:
            data += bodies.blocks_from_html(body_html, max_blocks=max_blocks)
    except bodies.BodyError as error:
        raise Invalid(error.problems) from error
    if not data:
        raise Invalid([("body", "An article needs a body: `body` blocks or `body_html`.")])
    if len(data) > max_blocks:
        raise Invalid([("body", f"At most {max_blocks} blocks.")])
    return data


def _slug(section: SectionPage, title: str, requested: str | None, page=None) -> str:
    if requested:
        try:
            ArticlePage._meta.get_field("slug").run_validators(requested)
        except ValidationError as error:
            raise Invalid([("slug", message) for message in error.messages]) from error
        if not Page._slug_is_available(requested, section, page):
            raise Invalid([("slug", "Another page in this section has this slug.")])
        return requested
    base = slugify(title, allow_unicode=True)[:200].strip("-") or "article"
    return find_available_slug(section, base, ignore_page_id=page.pk if page else None)


def article_draft_create(*, key: ApiKey, data, request=None) -> dict:
    """A draft ArticlePage from the API's ``ArticleIn``, submitted for review. Never live."""
    owner = key.owner
    section = _section(data.section)
    if not section.permissions_for_user(owner).can_add_subpage():
        raise NotAllowed("The key's owner may not add articles to this section.")
    standfirst = _standfirst(data)
    if not standfirst:
        raise Invalid([("standfirst", "An article needs a standfirst (or summary).")])
    authors = _authors(data.authors)
    lead_image = _lead_image(data.lead_image)
    page = ArticlePage(
        title=data.title,
        slug=_slug(section, data.title, data.slug),
        standfirst=standfirst,
        body=_body(data.body, data.body_html),
        lead_image=lead_image,
        owner=owner,
        live=False,  # a draft, as the CMS makes one
        has_unpublished_changes=True,
    )
    for order, author in enumerate(authors):
        page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
    page.tags.add(*_tags(data.tags))
    try:
        section.add_child(instance=page)
    except ValidationError as error:
        raise _model_errors(error, {"title": "title", "standfirst": "standfirst"}) from error
    _created(page, owner)
    ApiDraft.objects.create(key=key, page=page)
    status, workflow = _start_review(page, owner)
    _record("api.article.created", key=key, request=request, target=page, status=status)
    return _article_answer(page, status, workflow)


def _article_answer(page, status: str, workflow: str | None) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "language": page.locale.language_code,
        "status": status,
        "workflow": workflow,
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
    }


def _standfirst(data) -> str:
    if data.standfirst and data.summary and data.standfirst != data.summary:
        raise Invalid([("summary", "Send standfirst or summary (the same field), not both.")])
    return data.standfirst or data.summary or ""


def _lead_image(image_id):
    if image_id is None:
        return None
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        raise Invalid([("lead_image", "No image with this id.")])
    return image


def article_draft_update(*, key: ApiKey, article_id: int, data, request=None) -> dict:
    """Changes to a draft this key made, while it is still a draft and not being reviewed
    (never published, no review in progress: before one started or after an editor sent it
    back). The new revision is the owner's and goes to review again."""
    owner = key.owner
    if not ApiDraft.objects.filter(key=key, page_id=article_id).exists():
        raise NotFound("This key made no draft with this id.")
    # Locked for the transaction: two edits of one draft run one after the other.
    page = ArticlePage.objects.select_for_update().get(pk=article_id)
    if page.live or page.first_published_at is not None:
        raise Conflict("The article has been published: it is edited in the admin now.")
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise Conflict("The draft is being reviewed: it can change when an editor sends it back.")
    if page.locked and page.locked_by_id != owner.pk:
        raise Conflict("Someone has locked the draft in the admin.")
    if not page.permissions_for_user(owner).can_edit():
        raise NotAllowed("The key's owner may not edit this article.")
    sent = data.model_fields_set
    emptied = [name for name in ("title", "standfirst", "authors") if name in sent]
    emptied = [name for name in emptied if getattr(data, name) is None]
    if emptied:
        raise Invalid([(name, "May not be emptied.") for name in emptied])
    draft = page.get_latest_revision_as_object()
    if "title" in sent:
        draft.title = data.title
    if "slug" in sent and data.slug != draft.slug:
        draft.slug = _slug(page.get_parent(), draft.title, data.slug, page=page)
    if sent & {"standfirst", "summary"}:
        draft.standfirst = _standfirst(data)
    if sent & {"body", "body_html"}:
        draft.body = _body(data.body, data.body_html)
    if "authors" in sent:
        draft.article_authors = [
            ArticleAuthor(author=author, sort_order=order)
            for order, author in enumerate(_authors(data.authors))
        ]
    if "tags" in sent:
        draft.tags.clear()
        draft.tags.add(*_tags(data.tags))
    if "lead_image" in sent:
        draft.lead_image = _lead_image(data.lead_image)
    try:
        draft.save_revision(user=owner, log_action=True)
    except ValidationError as error:
        raise _model_errors(error) from error
    if state is not None:  # sent back by an editor: resubmitted, as the admin does
        state.resume(user=owner)
        status, workflow = STATUS_IN_REVIEW, state.workflow.name
    else:
        status, workflow = _start_review(draft, owner)
    _record(
        "api.article.updated",
        key=key,
        request=request,
        target=page,
        fields=sorted(sent),
        status=status,
    )
    return _article_answer(draft, status, workflow)


# --- news-feed items -----------------------------------------------------------------------


def feed_item_create(*, key: ApiKey, data, request=None) -> dict:
    """A news-feed item: submitted for review like a reporter's; published at once only
    when asked, allowed by API_FEED_ITEMS_MAY_PUBLISH and the owner may publish items."""
    from masthead.news.wagtail_hooks import NewsFeedItemPermissionPolicy

    owner = key.owner
    policy = NewsFeedItemPermissionPolicy(NewsFeedItem)
    if not policy.user_has_permission(owner, "add"):
        raise NotAllowed("The key's owner may not add news-feed items.")
    if data.publish:
        if not _conf("API_FEED_ITEMS_MAY_PUBLISH", False):
            raise NotAllowed("This site does not let the API publish feed items: omit `publish`.")
        if not policy.user_has_permission(owner, "publish"):
            raise NotAllowed("The key's owner may not publish news-feed items.")
    article = None
    if data.article is not None:
        article = ArticlePage.objects.filter(pk=data.article).first()
        if article is None:
            raise Invalid([("article", "No article with this id.")])
    published_at = data.published_at or timezone.now()
    if timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    item = NewsFeedItem(
        headline=data.headline,
        summary=data.summary,
        article=article,
        published_at=published_at,
        owner=owner,
        live=False,
        has_unpublished_changes=True,
    )
    item.tags.add(*_tags(data.tags))
    try:
        item.full_clean()
    except ValidationError as error:
        raise _model_errors(error) from error
    item.save()
    revision = _created(item, owner)
    if data.publish:
        revision.publish(user=owner)
        item.refresh_from_db()
        status, workflow = STATUS_LIVE, None
    else:
        status, workflow = _start_review(item, owner)
    _record("api.feed_item.created", key=key, request=request, target=item, status=status)
    return {
        "id": item.pk,
        "headline": item.headline,
        "status": status,
        "workflow": workflow,
        "edit_url": absolute_url(reverse("wagtailsnippets_news_newsfeeditem:edit", args=[item.pk])),
    }
