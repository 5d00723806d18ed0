"""Web worker memory: the resident size of each production web process (granian, 2
processes, as bench/load.py starts them) after it has served uncached pages.

    .venv/bin/python bench/memory.py [--requests 2000] [--only sqlite] [--port 8760]

Seeds the demo data, starts the server with the page cache off, asks for article, front,
section and feed pages (each many times, so every per-process copy fills), then reads each
worker's VmRSS from /proc as bench/load.py does. The goal is the load bench's: every worker
under 150 MB. Prints the figures LAST as one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import servers
from load import BACKENDS  # the same databases as the load bench
from servers import ROOT, Server, get, manage

GOAL_MB = 150
CLIENTS = 8


def env_for(name: str, var_dir: Path) -> dict:
    return servers.production_env(
        var_dir, cache=False, key_prefix=f"bench-memory-{name}", **BACKENDS[name]
    )


def prepare(name: str, var_dir: Path) -> None:
    env = env_for(name, var_dir)
    if name == "postgresql":
        servers.ensure_postgres_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", stdout=sys.stderr)
    manage(env, "collectstatic", "--noinput", "-v0")


def page_paths(base: str) -> list[str]:
    """The front page, every section and story linked from it and from its sections, and
    the feeds: the pages anonymous readers ask for."""
    _, home, _ = get(base + "/")
    links = set(re.findall(rb'href="(/[a-z0-9-]+/(?:[a-z0-9-]+/)?)"', home))
    sections = {b"/" + link.strip(b"/").split(b"/")[0] + b"/" for link in links}
    for section in sections:
        status, html, _ = get(base + section.decode())
        if status == 200:
            links.update(re.findall(rb'href="(/[a-z0-9-]+/[a-z0-9-]+/)"', html))
    paths = {"/", "/feeds/rss/", "/news-feed/", "/sitemap.xml"} | {
        link.decode() for link in links | sections if not link.startswith(b"/static/")
    }
    return sorted(path for path in paths if get(base + path)[0] == 200)


def memory_detail(server: Server) -> list[dict]:
    """Each worker's resident size split as /proc reports it: anonymous memory (its own
    objects), file-backed pages (mostly shared libraries, shared with the other workers) and
    PSS (shared pages divided among the processes that map them), in MB."""
    pid = server.process.pid
    workers = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    detail = []
    for worker in workers:
        status = Path(f"/proc/{worker}/status").read_text()
        rollup = Path(f"/proc/{worker}/smaps_rollup").read_text()

        def kb(text: str, field: str) -> float:
            return round(int(re.search(rf"^{field}:\s+(\d+)", text, re.M).group(1)) / 1024, 1)

        detail.append(
            {
                "rss": kb(status, "VmRSS"),
                "anon": kb(status, "RssAnon"),
                "file": kb(status, "RssFile"),
                "pss": kb(rollup, "Pss"),
            }
        )
    return detail


def run_backend(name: str, requests: int, port: int, *, seed: bool = True) -> dict:
    var_dir = ROOT / "var" / "bench-memory" / name
    var_dir.mkdir(parents=True, exist_ok=True)
    if seed:
        prepare(name, var_dir)
    base = f"http://127.0.0.1:{port}"
    with Server(env_for(name, var_dir), port) as server:
        started = server.worker_rss_mb()
        paths = page_paths(base)
        asked = [paths[i % len(paths)] for i in range(requests)]
        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = list(pool.map(lambda path: get(base + path)[0], asked))
        served = server.worker_rss_mb()
        detail = memory_detail(server)
    return {
        "pages": len(paths),
        "requests": len(asked),
        "non_200": sum(status != 200 for status in statuses),
        "worker_rss_mb_at_start": started,
        "worker_rss_mb": served,
        "worker_memory_mb": detail,
        "goal_met": bool(served) and max(served) < GOAL_MB,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--only", choices=sorted(BACKENDS), action="append")
    parser.add_argument("--port", type=int, default=8695)
    parser.add_argument(
        "--no-seed", action="store_true", help="reuse the data of an earlier run (var/bench-memory)"
    )
    args = parser.parse_args()
    results = {}
    for name in args.only or list(BACKENDS):
        results[name] = run_backend(name, args.requests, args.port, seed=not args.no_seed)
        r = results[name]
        print(
            f"{name}: {r['requests']} requests over {r['pages']} pages ({r['non_200']} not 200); "
            f"worker RSS MB at start {r['worker_rss_mb_at_start']}, after {r['worker_rss_mb']}"
        )
        print(f"  after, in MB: {r['worker_memory_mb']}")
    print(
        json.dumps(
            {
                "bench": "memory",
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "load_average": os.getloadavg()[0],
                "malloc": {k: v for k, v in os.environ.items() if k.startswith("MALLOC_")},
                "goal_mb": GOAL_MB,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
