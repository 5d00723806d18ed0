"""Prometheus metrics: request latency by view, page-cache results, and figures read from the
database at scrape time (task queue depth and age, newsletter sends, narration backlog).

With several server processes set ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory per
machine, cleared at start): counters and histograms are then summed across processes.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import timedelta

from django.apps import apps
from django.db import DatabaseError
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

REQUEST_LATENCY = Histogram(
    "masthead_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
PAGE_CACHE = Counter(
    "masthead_page_cache_requests",
    "Page-cache outcome for each request that could be cached (hit, miss, bypass).",
    ["result"],
)

# Where a backlog is read from, if the app that owns it is installed: (label, model, filter).
QUEUE_MODEL = ("django_tasks_database", "DBTaskResult")


# Labelled children looked up once: on a cache hit, labels() cost as much as the rest.
_page_cache_children: dict = {}


def count_page_cache(result: str, seconds: float | None = None) -> None:
    counter = _page_cache_children.get(result)
    if counter is None:
        counter = _page_cache_children[result] = PAGE_CACHE.labels(result)
    counter.inc()
    if seconds is not None:
        latency = _page_cache_children.get("latency")
        if latency is None:
            latency = _page_cache_children["latency"] = REQUEST_LATENCY.labels("page_cache_hit")
        latency.observe(seconds)


def view_label(request) -> str:
    label = getattr(request, "metrics_view", None)
    if label:
        return label
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match._func_path


class LatencyMiddleware:
    """Times every request that reaches Django past the page cache, labelled by view (page
    type for Wagtail pages). Cache hits are timed by the page cache itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        REQUEST_LATENCY.labels(view_label(request)).observe(time.perf_counter() - start)
        return response


def _model(app_label: str, name: str):
    if app_label not in apps.app_configs:
        return None  # the app is not on this branch or deployment
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


class DatabaseCollector:
    """Figures read from the database when Prometheus scrapes. Apps that are not installed
    (or models without the expected fields) are skipped, so this works on any branch."""

    def collect(self):
        try:
            yield from self._tasks()
            yield from self._newsletters()
            yield from self._narration()
            yield from self._workers()
        except DatabaseError as error:
            logger.warning("metrics: database unavailable (%s)", error)

    def _tasks(self):
        model = _model(*QUEUE_MODEL)
        if model is None:
            return
        from django.db.models import Count, Min

        depth = GaugeMetricFamily(
            "masthead_task_queue_depth", "Tasks by queue and status.", labels=["queue", "status"]
        )
        age = GaugeMetricFamily(
            "masthead_task_queue_oldest_ready_seconds",
            "Age of the oldest task waiting to run, by queue.",
            labels=["queue"],
        )
        rows = model.objects.values("queue_name", "status").annotate(n=Count("id"))
        for row in rows:
            depth.add_metric([row["queue_name"], row["status"]], row["n"])
        now = timezone.now()
        oldest = model.objects.ready().values("queue_name").annotate(first=Min("enqueued_at"))
        for row in oldest:
            if row["first"]:
                age.add_metric([row["queue_name"]], (now - row["first"]).total_seconds())
        yield depth
        yield age

    def _newsletters(self):
        # The newsletters app owns deliveries; any model with a sent time counts as a send.
        for name in ("Delivery", "NewsletterDelivery", "IssueDelivery"):
            model = _model("newsletters", name)
            if model is not None and "sent_at" in _field_names(model):
                since = timezone.now() - timedelta(minutes=5)
                sent = model.objects.filter(sent_at__gte=since).count()
                rate = GaugeMetricFamily(
                    "masthead_newsletter_send_rate",
                    "Newsletter emails sent per second over the last five minutes.",
                )
                rate.add_metric([], sent / 300)
                yield rate
                return

    def _narration(self):
        # The audio app says what counts as backlog (Narration.objects.backlog()): ops only
        # reads it, so a new narration state cannot silently fall out of the figure.
        model = _model("audio", "Narration")
        if model is None:
            return
        gauge = GaugeMetricFamily(
            "masthead_narration_backlog", "Narrations waiting or in progress."
        )
        gauge.add_metric([], model.objects.backlog().count())
        yield gauge

    def _workers(self):
        from .models import WorkerHeartbeat

        gauge = GaugeMetricFamily(
            "masthead_worker_heartbeat_age_seconds",
            "Seconds since each task worker last reported.",
            labels=["worker"],
        )
        now = timezone.now()
        for beat in WorkerHeartbeat.objects.all():
            gauge.add_metric([beat.worker_id], (now - beat.last_seen).total_seconds())
        yield gauge


def registry() -> CollectorRegistry:
    """The registry to expose: this process's (or all processes' in multiprocess mode) plus
    the database figures."""
    from prometheus_client import REGISTRY, multiprocess

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        reg = CollectorRegistry()
        multiprocess.MultiProcessCollector(reg)
    else:
        reg = CollectorRegistry()
        for collector in list(REGISTRY._collector_to_names):
            reg.register(collector)
    reg.register(DatabaseCollector())
    return reg
