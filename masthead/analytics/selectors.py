"""Reads for the dashboards: every figure is a sum over HourlyCount or DailyCount rows (never
raw events), for the newsroom (article 0) or one article, in one window.

Windows: "hour" is the current hour and the one before it (hourly rows); "day" the last 24
hours (hourly rows); "week" the last 7 days, today included (daily rows)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Sum
from django.utils import timezone

from . import conf
from . import models as m
from .recording import hour_of

WINDOWS = {"hour": "Last hour", "day": "Last 24 hours", "week": "Last 7 days"}
QUARTILES = ["25", "50", "75", "100"]


@dataclass
class Window:
    name: str
    now: datetime

    @property
    def label(self) -> str:
        return WINDOWS[self.name]

    @property
    def daily(self) -> bool:
        return self.name == "week"

    @property
    def start(self):
        current = hour_of(self.now)
        if self.name == "hour":
            return current - timedelta(hours=1)
        if self.name == "day":
            return current - timedelta(hours=23)
        return self.now.date() - timedelta(days=6)

    def rows(self, metric: str, **filters):
        if self.daily:
            return m.DailyCount.objects.filter(metric=metric, day__gte=self.start, **filters)
        return m.HourlyCount.objects.filter(metric=metric, hour__gte=self.start, **filters)

    def steps(self) -> list:
        """Every period of the window, oldest first (for a line chart without gaps)."""
        if self.daily:
            return [self.start + timedelta(days=i) for i in range(7)]
        count = 2 if self.name == "hour" else 24
        return [self.start + timedelta(hours=i) for i in range(count)]


def window(name: str, *, now: datetime | None = None) -> Window:
    return Window(name if name in WINDOWS else "day", now or timezone.now())


@dataclass
class Table:
    """Rows shown as a table, drawn as a chart, and exported as CSV: one source for all three."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = "bar"  # "bar", "line" or "" (no chart)

    @property
    def points(self) -> list[tuple[str, int]]:
        return [(str(row[0]), int(row[1])) for row in self.rows]


def totals(win: Window, metric: str, *, article_id: int = m.NEWSROOM) -> dict[str, int]:
    return dict(
        win.rows(metric, article_id=article_id)
        .values("key")
        .annotate(total=Sum("count"))
        .values_list("key", "total")
    )


def series(win: Window, metric: str = m.VIEWS, *, article_id: int = m.NEWSROOM) -> list:
    period = "day" if win.daily else "hour"
    found = dict(
        win.rows(metric, article_id=article_id)
        .values(period)
        .annotate(total=Sum("count"))
        .values_list(period, "total")
    )
    zone = timezone.get_current_timezone()
    out = []
    for step in win.steps():
        label = step.isoformat() if win.daily else timezone.localtime(step, zone).strftime("%H:00")
        out.append([label, int(found.get(step, 0))])
    return out


def top_article_ids(win: Window, *, limit: int) -> list[tuple[int, int]]:
    # Summed here, not by GROUP BY article_id: given a GROUP BY, SQLite's planner walks the
    # per-article index over the whole year instead of reading the window's few rows from
    # the window-first one. The window holds one row per active article and period.
    views: Counter = Counter()
    for article_id, count in (
        win.rows(m.VIEWS).values_list("article_id", "count").iterator(chunk_size=5000)
    ):
        if article_id != m.NEWSROOM:
            views[article_id] += count
    return sorted(views.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _titles(ids) -> dict[int, str]:
    from wagtail.models import Page

    return dict(Page.objects.filter(pk__in=list(ids)).values_list("pk", "title"))


def _ranked(counts: dict[str, int], names: dict, *, limit: int) -> list[list]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [[names.get(key, f"#{key}"), int(total)] for key, total in ranked]


def mix(counts: dict[str, int], order: list[str]) -> list[list]:
    total = sum(counts.values()) or 1
    return [
        [key, int(counts.get(key, 0)), round(100 * counts.get(key, 0) / total, 1)] for key in order
    ]


def listening(win: Window, *, article_id: int = m.NEWSROOM) -> list[list]:
    """Plays, then how many listeners reached each quartile and what share of plays that is."""
    plays = sum(totals(win, m.PLAYS, article_id=article_id).values())
    reached = totals(win, m.LISTENED, article_id=article_id)
    rows = [["started", plays, 100.0 if plays else 0.0]]
    for q in QUARTILES:
        n = int(reached.get(q, 0))
        rows.append([f"{q}%", n, round(100 * n / plays, 1) if plays else 0.0])
    return rows


def newsroom_tables(win: Window) -> list[Table]:
    from masthead.people.models import Author

    from .classify import DEVICES, REFERRER_CLASSES

    limit = conf.top_size()
    top = top_article_ids(win, limit=limit)
    titles = _titles(pk for pk, _ in top)
    sections = totals(win, m.SECTION)
    authors = totals(win, m.AUTHOR)
    section_names = {str(k): v for k, v in _titles(int(k) for k in sections).items()}
    author_names = {
        str(pk): name
        for pk, name in Author.objects.filter(pk__in=[int(k) for k in authors]).values_list(
            "pk", "name"
        )
    }
    hosts = totals(win, m.REFERRER_HOST)
    return [
        Table("views", "Views", ["period", "views"], series(win), chart="line"),
        Table(
            "articles",
            "Top articles",
            ["article", "views"],
            [[titles.get(pk, f"#{pk}"), int(total)] for pk, total in top],
        ),
        Table(
            "sections",
            "Top sections",
            ["section", "views"],
            _ranked(sections, section_names, limit=limit),
        ),
        Table(
            "authors",
            "Top authors",
            ["author", "views"],
            _ranked(authors, author_names, limit=limit),
        ),
        Table(
            "referrers",
            "Where readers came from",
            ["source", "views", "percent"],
            mix(totals(win, m.REFERRER), REFERRER_CLASSES),
        ),
        Table(
            "hosts",
            "Referring sites",
            ["site", "views"],
            _ranked(hosts, {k: k for k in hosts}, limit=limit),
        ),
        Table(
            "devices",
            "Devices",
            ["device", "views", "percent"],
            mix(totals(win, m.DEVICE), DEVICES),
        ),
        Table(
            "listening",
            "Narration: plays and how far listeners got",
            ["reached", "listeners", "percent of plays"],
            listening(win),
        ),
    ]


def article_tables(win: Window, article_id: int) -> list[Table]:
    from .classify import DEVICES, REFERRER_CLASSES

    hosts = totals(win, m.REFERRER_HOST, article_id=article_id)
    return [
        Table("views", "Views", ["period", "views"], series(win, article_id=article_id), "line"),
        Table(
            "referrers",
            "Where readers came from",
            ["source", "views", "percent"],
            mix(totals(win, m.REFERRER, article_id=article_id), REFERRER_CLASSES),
        ),
        Table(
            "hosts",
            "Referring sites",
            ["site", "views"],
            _ranked(hosts, {k: k for k in hosts}, limit=conf.top_size()),
        ),
        Table(
            "devices",
            "Devices",
            ["device", "views", "percent"],
            mix(totals(win, m.DEVICE, article_id=article_id), DEVICES),
        ),
        Table(
            "listening",
            "Narration: plays and how far listeners got",
            ["reached", "listeners", "percent of plays"],
            listening(win, article_id=article_id),
        ),
    ]


def article_summary(article_id: int, *, now: datetime | None = None) -> dict[str, int]:
    """The few numbers for the panel on an article's edit page."""
    out = {}
    for name in ("hour", "day", "week"):
        win = window(name, now=now)
        out[name] = sum(totals(win, m.VIEWS, article_id=article_id).values())
    week = window("week", now=now)
    out["plays"] = sum(totals(week, m.PLAYS, article_id=article_id).values())
    out["finished"] = int(totals(week, m.LISTENED, article_id=article_id).get("100", 0))
    return out


def newsletter_rows(*, limit: int = 20, newsletter_id: int | None = None) -> list[list]:
    """Per sent issue: delivered, bounced, unsubscribed, link clicks, opens (if counted).
    Bounces and unsubscribes are those in the days after the issue went out, before the
    newsletter's next issue."""
    from masthead.newsletters.models import Bounce, Delivery, Issue, Subscription

    issues = Issue.objects.filter(started_at__isnull=False).select_related("newsletter")
    if newsletter_id:
        issues = issues.filter(newsletter_id=newsletter_id)
    issues = list(issues.order_by("-started_at")[:limit])
    rows = []
    for issue in issues:
        following = (
            Issue.objects.filter(newsletter=issue.newsletter_id, started_at__gt=issue.started_at)
            .order_by("started_at")
            .values_list("started_at", flat=True)
            .first()
        )
        until = following or issue.started_at + timedelta(days=7)
        delivered = Delivery.objects.filter(issue=issue, state=Delivery.SENT).count()
        bounced = Bounce.objects.filter(
            subscriber__in=Delivery.objects.filter(issue=issue).values("subscriber"),
            created_at__gte=issue.started_at,
            created_at__lt=until,
        ).count()
        unsubscribed = Subscription.objects.filter(
            newsletter=issue.newsletter_id,
            unsubscribed_at__gte=issue.started_at,
            unsubscribed_at__lt=until,
        ).count()
        clicks = issue.tracked_links.aggregate(total=Sum("clicks"))["total"] or 0
        opens = (
            m.IssueOpens.objects.filter(issue=issue).values_list("opens", flat=True).first()
            if issue.newsletter.track_opens
            else None
        )
        rows.append(
            [
                f"{issue.newsletter.name}: {issue.subject}",
                delivered,
                bounced,
                unsubscribed,
                int(clicks),
                "not counted" if opens is None else opens,
                issue.pk,
            ]
        )
    return rows


def newsletter_table(**kwargs) -> Table:
    rows = newsletter_rows(**kwargs)
    return Table(
        "newsletters",
        "Newsletter issues",
        ["issue", "delivered", "bounced", "unsubscribed", "clicks", "opens"],
        [row[:6] for row in rows],
        chart="",
    )


def issue_links_table(issue) -> Table:
    links = issue.tracked_links.order_by("-clicks", "url").values_list("url", "clicks")
    return Table("links", "Clicks per link", ["link", "clicks"], [list(x) for x in links])
