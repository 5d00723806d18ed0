"""Settings of the ops app, each overridable in Django settings (usually from env vars)."""

from django.conf import settings


def get(name: str, default):
    return getattr(settings, name, default)


# How often a worker reports, and after how long without a report it counts as dead.
HEARTBEAT_INTERVAL = 5
HEARTBEAT_STALE_AFTER = 30


def heartbeat_interval() -> float:
    return float(get("WORKER_HEARTBEAT_INTERVAL", HEARTBEAT_INTERVAL))


def heartbeat_stale_after() -> float:
    return float(get("WORKER_HEARTBEAT_STALE_AFTER", HEARTBEAT_STALE_AFTER))


def readyz_required() -> tuple[str, ...]:
    """Checks whose failure makes /readyz answer 503. The cache is not among them by
    default: without Redis the site still serves (uncached), and taking every web node out of
    the load balancer because Redis is down would turn a slowdown into an outage."""
    return tuple(get("READYZ_REQUIRED", ("database", "worker")))


def metrics_token() -> str:
    return get("METRICS_TOKEN", "")
