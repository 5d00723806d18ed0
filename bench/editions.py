"""Editions benchmark: does the second edition slow the first? The English article page with
English only and with English and Ukrainian, same code, same run (issue 14, item 10: within
10%).

Two configurations of the same checkout, each with its own database built by the same
seed_demo: English only (LANGUAGES="en=English" when seeding and serving, so the seed makes
no Ukrainian edition) and both editions (the default LANGUAGES, the demo's Ukrainian home,
sections and stories, some translations of English ones). The two production servers
(granian, 2 processes each, bench/servers.py) run side by side and are measured in turns, so
that noise on this shared machine falls on both alike; each figure keeps its median round.

For each configuration, on one English article that has a Ukrainian translation (so its
language switcher and hreflang links do their most work):
  - server CPU per uncached request (page cache off), measured as bench/api.py does: requests
    one at a time on a kept-alive connection, the processes' utime + stime divided by the count;
  - throughput and p99 under wrk (bench/load.py's settings: 32 connections, gzip), page cache
    off and on, a short run each.

    .venv/bin/python bench/editions.py [--seconds 10] [--rounds 3] [--requests 500] [--reseed]
        [--database-url postgres://postgres@127.0.0.1:5432/h_edbench --redis-url redis://...]

With --database-url (PostgreSQL), the two databases are its name + "_en" and + "_both".
Saves bench/results/editions-<time>.json and prints its figures LAST as one line of JSON:
each figure for both configurations, the ratio both / English only, and whether it is within
10% (CPU and p99 at most 1.10, throughput at least 0.90).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
from contextlib import ExitStack
from datetime import UTC, datetime

import api
import load
import servers
from servers import ROOT, Server, get, manage
from tqdm import tqdm

PORTS = {"english_only": 8900, "both": 8901}
LANGUAGES = {"english_only": "en=English", "both": "en=English,uk=Українська"}
TOLERANCE = 0.10
# The header's switcher when it links to this page's translation (editions/switcher.html).
TRANSLATION_LINK = re.compile(rb'<a href="/uk/[^"]*" hreflang="uk"[^>]*rel="alternate"')
DATABASE_SUFFIX = {"english_only": "_en", "both": "_both"}


def env_for(config: str, args, *, cache: bool) -> dict:
    var_dir = ROOT / "var" / "bench" / f"editions-{args.engine}-{config}"
    var_dir.mkdir(parents=True, exist_ok=True)
    extra = {"LANGUAGES": LANGUAGES[config]}
    if args.database_url:
        extra["DATABASE_URL"] = args.database_url + DATABASE_SUFFIX[config]
    if args.redis_url:
        extra["REDIS_URL"] = args.redis_url
    return servers.production_env(
        var_dir, cache=cache, key_prefix=f"bench-editions-{args.engine}-{config}", **extra
    )


def prepare(config: str, args) -> None:
    env = env_for(config, args, cache=True)
    if args.database_url:
        servers.ensure_postgres_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    # seed_demo fills only what is missing, but checking takes about a minute: a database
    # this bench seeded is used as it is (--reseed runs it again).
    marker = ROOT / "var" / "bench" / f"editions-{args.engine}-{config}" / "seeded"
    if args.reseed or not marker.exists():
        with open(os.devnull, "w") as quiet:
            manage(env, "seed_demo", stdout=quiet)
        marker.write_text(env.get("DATABASE_URL", "sqlite") + "\n")


def translated_english_article(port: int) -> str:
    """An English story from the front page whose switcher links to its translation."""
    base = f"http://127.0.0.1:{port}"
    _, home, _ = get(base + "/")
    links = dict.fromkeys(re.findall(rb'href="(/[a-z0-9-]+/[a-z0-9-]+/)"', home))
    for link in links:
        if link.startswith((b"/tags/", b"/feeds/", b"/uk/")):
            continue
        status, html, _ = get(base + link.decode())
        if status == 200 and re.search(
            rb'<a href="/uk/[^"]*" hreflang="uk"[^>]*rel="alternate"', html
        ):
            return link.decode()
    raise SystemExit("bench: no English story on the front page has a live Ukrainian translation")


def cpu_ms(server: Server, port: int, path: str, count: int) -> float:
    api.PORT = port  # api.py measures one server, on its PORT
    return api.cpu_per_request(server, path, count)


def wrk(port: int, path: str, seconds: int) -> dict:
    result = servers.wrk(
        f"http://127.0.0.1:{port}{path}",
        seconds,
        connections=load.CONNECTIONS,
        headers=load.BROWSER_HEADERS,
    )
    del result["stdout"]
    return result


def median_run(results: list[dict]) -> dict:
    """The run with the median throughput, its p99 replaced by the median p99 of all runs:
    one stall of this shared machine makes a p99 ten times longer, in any run."""
    ordered = sorted(results, key=lambda r: r["rps"])
    p99s = [r["p99_ms"] for r in results]
    return {
        **ordered[(len(ordered) - 1) // 2],
        "p99_ms": statistics.median(p99s),
        "rps_runs": [r["rps"] for r in results],
        "p99_runs": p99s,
    }


def measure(args, bar) -> tuple[str, dict]:
    figures: dict = {config: {} for config in PORTS}
    with ExitStack() as stack:  # page cache off
        running = {
            config: stack.enter_context(Server(env_for(config, args, cache=False), port))
            for config, port in PORTS.items()
        }
        article = translated_english_article(PORTS["both"])
        status, html, _ = get(f"http://127.0.0.1:{PORTS['english_only']}{article}")
        if status != 200 or b"/uk/" in html:
            raise SystemExit(f"bench: {article} with English only: {status}, or links to /uk/")
        for config, server in running.items():
            cpu_ms(server, PORTS[config], article, 20)  # warm
        cpu_runs = {config: [] for config in PORTS}
        for _ in range(args.rounds):
            for config, server in running.items():
                bar.set_description(f"CPU per request, {config}")
                ms = cpu_ms(server, PORTS[config], article, args.requests)
                cpu_runs[config].append(round(ms, 3))
                bar.update(1)
        uncached = {config: [] for config in PORTS}
        for _ in range(args.rounds):
            for config in PORTS:
                bar.set_description(f"wrk uncached, {config}")
                uncached[config].append(wrk(PORTS[config], article, args.seconds))
                bar.update(1)
    with ExitStack() as stack:  # page cache on
        for config, port in PORTS.items():
            stack.enter_context(Server(env_for(config, args, cache=True), port))
            for _ in range(3):
                get(f"http://127.0.0.1:{port}{article}")
        cached = {config: [] for config in PORTS}
        for _ in range(args.rounds):
            for config in PORTS:
                bar.set_description(f"wrk cached, {config}")
                cached[config].append(wrk(PORTS[config], article, args.seconds))
                bar.update(1)
    for config in PORTS:
        figures[config] = {
            "cpu_ms_per_uncached_request": round(statistics.median(cpu_runs[config]), 3),
            "cpu_ms_runs": cpu_runs[config],
            "uncached": median_run(uncached[config]),
            "cached": median_run(cached[config]),
        }
    return article, figures


def ratios(figures: dict) -> tuple[dict, dict]:
    en, both = figures["english_only"], figures["both"]

    def ratio(a: float, b: float) -> float:
        return round(b / a, 3) if a else float("inf")

    values = {
        "cpu_ms_per_uncached_request": ratio(
            en["cpu_ms_per_uncached_request"], both["cpu_ms_per_uncached_request"]
        ),
    }
    for kind in ("uncached", "cached"):
        values[f"{kind}_rps"] = ratio(en[kind]["rps"], both[kind]["rps"])
        values[f"{kind}_p99_ms"] = ratio(en[kind]["p99_ms"], both[kind]["p99_ms"])
    # Slower means more CPU, a longer p99 or fewer requests per second.
    within = {
        key: (value >= 1 - TOLERANCE) if key.endswith("_rps") else (value <= 1 + TOLERANCE)
        for key, value in values.items()
    }
    return values, within


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run (plus 2 s warm-up)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=500, help="per CPU round")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="PostgreSQL URL; the databases are its name + _en and + _both (default SQLite)",
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
    parser.add_argument("--reseed", action="store_true", help="run seed_demo again")
    args = parser.parse_args()
    args.engine = "postgresql" if args.database_url else "sqlite"
    servers.need("wrk", "wrk")
    with tqdm(total=2 + args.rounds * 6, unit="step") as bar:
        for config in PORTS:
            bar.set_description(f"migrate + seed, {config}")
            prepare(config, args)
            bar.update(1)
        manage(env_for("both", args, cache=True), "collectstatic", "--noinput", "-v0")
        article, figures = measure(args, bar)
    values, within = ratios(figures)
    summary = {
        "bench": "editions",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": args.engine,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "article": article,
        "connections": load.CONNECTIONS,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "requests_per_cpu_round": args.requests,
        "figures": figures,
        "both_vs_english_only": values,
        "within_10_percent": within,
    }
    print(f"\nEnglish article {article}, {args.engine}")
    print(f"{'figure':30} {'English only':>13} {'both':>10} {'ratio':>7}  within 10%")
    rows = [("CPU ms per uncached request", "cpu_ms_per_uncached_request", None)]
    rows += [(f"{k} rps", f"{k}_rps", (k, "rps")) for k in ("uncached", "cached")]
    rows += [(f"{k} p99 ms", f"{k}_p99_ms", (k, "p99_ms")) for k in ("uncached", "cached")]
    for label, key, path in rows:
        en, both = (
            (figures[c][key] if path is None else figures[c][path[0]][path[1]])
            for c in ("english_only", "both")
        )
        print(f"{label:30} {en:>13} {both:>10} {values[key]:>7}  {'yes' if within[key] else 'NO'}")
    out = ROOT / "bench" / "results" / f"editions-{summary['at'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2))
    print(f"saved {out.relative_to(ROOT)}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
