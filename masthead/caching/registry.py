"""What each change purges, declared by the app that owns the model.

Each domain app says, in its own ``cache_rules.py`` (loaded by ``apps.py``), which tags a
change to each of its models bumps and which URLs it purges at the edge, and which tags its
page types show. Only this app connects the signals and purges, so "what is purged when X
changes?" has one answer: ``manage.py cache_rules`` prints the table from these rules, and
``docs/architecture.md`` holds a copy a test keeps in step.

Events: ``publish``, ``unpublish``, ``delete`` and ``move`` for Wagtail pages (a page
deleted while live counts, a draft's deletion does not); ``save`` and ``delete`` for any
other model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import tags as cache_tags

PAGE_EVENTS = ("publish", "unpublish", "delete", "move")
MODEL_EVENTS = ("save", "delete")

Paths = Callable[[Any], Iterable[str]]


@dataclass(frozen=True)
class Rule:
    model: type
    events: tuple[str, ...]
    tags: tuple[str, ...]
    pages: Callable[[Any], Iterable[int]] | None
    edge: Paths | None
    affects: str
    when: Callable[[Any, dict], bool] | None

    def tags_for(self, instance) -> list[str]:
        found = list(self.tags)
        if self.pages is not None:
            found += [cache_tags.page(pk) for pk in self.pages(instance) if pk]
        return found

    def edge_paths_for(self, instance) -> list[str]:
        return [path for path in (self.edge(instance) if self.edge else ()) if path]


_rules: list[Rule] = []
_page_shows: dict[type, tuple[str, ...]] = {}


def on_change(
    model: type,
    *,
    events: Iterable[str],
    tags: Iterable[str] = (),
    pages: Callable[[Any], Iterable[int]] | None = None,
    edge: Paths | None = None,
    affects: str,
    when: Callable[[Any, dict], bool] | None = None,
) -> None:
    """Declare that ``events`` on ``model`` (and its subclasses) bump ``tags``, and the page
    tag of each id ``pages(obj)`` returns, and purge ``edge(obj)`` paths at the edge.
    ``affects`` says in words what readers see change; ``when(obj, signal_kwargs)`` may
    skip a change (its docstring's first line says when it applies, for the docs table)."""
    events = tuple(events)
    allowed = PAGE_EVENTS if _is_page_model(model) else MODEL_EVENTS
    unknown = set(events) - set(allowed)
    if unknown:
        raise ValueError(f"{model.__name__}: unknown events {sorted(unknown)}")
    rule = Rule(model, events, tuple(tags), pages, edge, affects, when)
    if rule not in _rules:
        _rules.append(rule)


def page_shows(model: type, *tags: str) -> None:
    """Declare that pages of ``model`` show what ``tags`` cover, besides their own content:
    a stored page of this type is purged when one of them is bumped."""
    _page_shows[model] = tags


_local_pages: set[type] = set()


def not_in_navigation(model: type) -> None:
    """Declare that pages of ``model`` never appear in the navigation or the site's chrome
    (stories): publishing one does not bump the site-wide tag (``core/cache_rules.py``)."""
    _local_pages.add(model)


def is_in_navigation(page) -> bool:
    return not any(model in _local_pages for model in type(page).__mro__)


_paths_showing: dict[type, Callable[[Any], Iterable[str]]] = {}


def edge_paths(model: type, paths: Callable[[Any], Iterable[str]]) -> None:
    """Declare the paths whose pages show a page of ``model`` (a story is on its section,
    tag and author pages, the front page and the feeds), purged at the edge with it."""
    _paths_showing[model] = paths


def paths_showing(page) -> list[str]:
    """the page and the pages that show it (its type declares them; else the front page)"""
    from .purge import page_path

    for model in type(page).__mro__:
        if model in _paths_showing:
            return [path for path in _paths_showing[model](page) if path]
    from masthead.editions.homes import edition_home
    from masthead.editions.languages import language_of

    site = page.get_site()
    # The front page of the page's own edition (a Ukrainian page's is /uk/).
    home = edition_home(site, language_of(page)) if site else None
    found = [page_path(page), page_path(home) if home else None]
    return [path for path in found if path]


def front_page(obj) -> list[str]:
    """the front page"""
    from django.conf import settings
    from django.utils import translation

    # Called inside the edition of the change (signal_handlers.py): "/uk/" for Ukrainian.
    language = translation.get_language() or settings.LANGUAGE_CODE
    return ["/" if language == settings.LANGUAGE_CODE else f"/{language}/"]


def tags_shown_by(page) -> tuple[str, ...]:
    """What a page of this type shows besides itself; lists of stories if undeclared."""
    for model in type(page).__mro__:
        if model in _page_shows:
            return _page_shows[model]
    return (cache_tags.LISTING,)


def rules_for(model: type, event: str) -> list[Rule]:
    return [rule for rule in _rules if event in rule.events and issubclass(model, rule.model)]


def all_rules() -> list[Rule]:
    return list(_rules)


def page_types_shown() -> dict[type, tuple[str, ...]]:
    return dict(_page_shows)


def _is_page_model(model: type) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)
