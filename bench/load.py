"""Load benchmark: the production server (granian, 2 processes) on SQLite and on PostgreSQL
with Redis, demo data, measured with wrk on 127.0.0.1 against nginx serving the same article
bytes (the app's response headers included; the bare file is measured too) and Varnish
(deploy/varnish/default.vcl) in front of the app.

    make bench            # or: .venv/bin/python bench/load.py [--seconds 8] [--only sqlite]

Prints a table, saves bench/results/load-<time>.json and prints the figures LAST as one line
of JSON. Needs the Debian packages wrk, nginx and varnish (it says so if one is missing), and
for the PostgreSQL run the server on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import servers
from servers import ROOT, Server, get, manage, need, stop
from tqdm import tqdm

APP_PORT, NGINX_PORT, VARNISH_PORT, VARNISH_ADMIN, NGINX_HEADERS_PORT = 8690, 8691, 8692, 8693, 8694
CONNECTIONS = 32
REFERENCE_ROUNDS = 3  # alternating nginx / Varnish runs (see reference_runs)
GOALS = {
    "app_cache_vs_nginx": 0.25,
    "varnish_vs_nginx": 0.80,
    "article_uncached_rps": 400,
    "cached_p99_ms": 20,
    "worker_rss_mb": 150,
}
BACKENDS = {
    "sqlite": {},
    "postgresql": {
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_ops_bench"
        ),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
    },
}


# Every request asks as browsers do: a page cache, Varnish and nginx then all send the same
# gzip bytes (plain wrk made Varnish, which keeps the gzip copy, gunzip every answer).
BROWSER_HEADERS = ("Accept-Encoding: gzip",)


def wrk(url: str, seconds: int) -> dict:
    result = servers.wrk(url, seconds, connections=CONNECTIONS, headers=BROWSER_HEADERS)
    del result["stdout"]
    return result


def env_for(name: str, var_dir: Path, *, cache: bool) -> dict:
    return servers.production_env(
        var_dir, cache=cache, key_prefix=f"bench-{name}", **BACKENDS[name]
    )


def prepare(name: str, var_dir: Path) -> None:
    env = env_for(name, var_dir, cache=True)
    if name == "postgresql":
        servers.ensure_postgres_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


def find_paths() -> dict:
    base = f"http://127.0.0.1:{APP_PORT}"
    _, home, _ = get(base + "/")
    links = re.findall(rb'href="(/[a-z0-9-]+/[a-z0-9-]+/)"', home)
    # The first story link: not a tag page, and not a feed (the <head> links /feeds/rss/).
    article = next(link.decode() for link in links if not link.startswith((b"/tags/", b"/feeds/")))
    section = "/" + article.strip("/").split("/")[0] + "/"
    status, _, _ = get(base + "/news-feed/")
    feed = "/news-feed/" if status == 200 else section
    return {
        "article": article,
        "front": "/",
        "news_feed": feed,
        "feed_is_section": feed != "/news-feed/",
    }


def nginx_serving(html: bytes, gzipped: bytes, workdir: Path, headers: dict):
    """nginx serving the article's bytes: on NGINX_PORT bare, on NGINX_HEADERS_PORT with the
    app's own response headers too (CSP, security headers, cache validators: about a
    kilobyte that Varnish also sends), the reference the goal is judged against."""
    (workdir / "www").mkdir(parents=True, exist_ok=True)
    (workdir / "www" / "article.html").write_bytes(html)
    (workdir / "www" / "article.html.gz").write_bytes(gzipped)
    return servers.nginx_serving(
        workdir / "www",
        workdir,
        NGINX_PORT,
        "/article.html",
        headers=servers.copied_headers(headers),
        headers_port=NGINX_HEADERS_PORT,
    )


def varnish_serving(workdir: Path):
    return servers.varnish_serving(
        workdir, app_port=APP_PORT, port=VARNISH_PORT, admin_port=VARNISH_ADMIN
    )


def reference_runs(urls: dict[str, str], seconds: int) -> dict[str, dict]:
    """The servers in `urls` measured in turns, REFERENCE_ROUNDS times each; each keeps its
    median run. Their ratio is the figure that matters, and on a 2-core machine shared with
    wrk one run of each can land on opposite sides of a burst of noise."""
    runs: dict[str, list[dict]] = {name: [] for name in urls}
    for _ in range(REFERENCE_ROUNDS):
        for name, url in urls.items():
            runs[name].append(wrk(url, seconds))

    def median(results: list[dict]) -> dict:
        ordered = sorted(results, key=lambda r: r["rps"])
        return {**ordered[len(ordered) // 2], "rps_runs": [r["rps"] for r in results]}

    return {name: median(results) for name, results in runs.items()}


def run_backend(name: str, seconds: int, bar) -> dict:
    var_dir = ROOT / "var" / "bench" / name
    var_dir.mkdir(parents=True, exist_ok=True)
    bar.set_description(f"{name}: migrate + seed")
    prepare(name, var_dir)
    result: dict = {"uncached": {}, "cached": {}}
    base = f"http://127.0.0.1:{APP_PORT}"

    with Server(env_for(name, var_dir, cache=False), APP_PORT):
        paths = find_paths()
        result["paths"] = paths
        for label in ("article", "front", "news_feed"):
            bar.set_description(f"{name}: uncached {label}")
            get(base + paths[label])
            result["uncached"][label] = wrk(base + paths[label], seconds)
            bar.update(1)

    with Server(env_for(name, var_dir, cache=True), APP_PORT) as server:
        for label in ("article", "front", "news_feed"):
            bar.set_description(f"{name}: cached {label}")
            for _ in range(3):
                get(base + paths[label])
            result["cached"][label] = wrk(base + paths[label], seconds)
            bar.update(1)
        _, article_html, headers = get(base + paths["article"])
        _, article_gzip, _ = get(base + paths["article"], headers={"Accept-Encoding": "gzip"})
        result["article_bytes"] = len(article_html)
        result["article_gzip_bytes"] = len(article_gzip)
        result["article_x_cache"] = headers.get("X-Cache")

        with tempfile.TemporaryDirectory(prefix="masthead-bench-") as tmp:
            workdir = Path(tmp)
            workdir.chmod(0o755)
            bar.set_description(f"{name}: nginx and varnish")
            nginx = nginx_serving(article_html, article_gzip, workdir, headers)
            varnish = varnish_serving(workdir)
            try:
                for _ in range(3):
                    get(f"http://127.0.0.1:{VARNISH_PORT}{paths['article']}")
                measured = reference_runs(
                    {
                        "nginx_article": f"http://127.0.0.1:{NGINX_PORT}/article.html",
                        "nginx_same_headers_article": (
                            f"http://127.0.0.1:{NGINX_HEADERS_PORT}/article.html"
                        ),
                        "varnish_article": f"http://127.0.0.1:{VARNISH_PORT}{paths['article']}",
                    },
                    seconds,
                )
                result.update(measured)
            finally:
                stop(nginx)
                stop(varnish)
            bar.update(2)
        result["worker_rss_mb"] = server.worker_rss_mb()

    # The goals are judged against nginx sending the same bytes as the app and Varnish, the
    # app's headers included; the ratios to nginx sending the bare file are kept beside them.
    for key, reference in (
        ("ratios_to_nginx", "nginx_same_headers_article"),
        ("ratios_to_bare_nginx", "nginx_article"),
    ):
        nginx_rps = result[reference]["rps"] or 1
        result[key] = {
            "app_cache_article": round(result["cached"]["article"]["rps"] / nginx_rps, 3),
            "varnish_article": round(result["varnish_article"]["rps"] / nginx_rps, 3),
            "app_uncached_article": round(result["uncached"]["article"]["rps"] / nginx_rps, 4),
        }
    cached_p99 = [r["p99_ms"] for r in result["cached"].values()] + [
        result["varnish_article"]["p99_ms"]
    ]
    result["goals_met"] = {
        "app_cache_vs_nginx>=0.25": result["ratios_to_nginx"]["app_cache_article"]
        >= GOALS["app_cache_vs_nginx"],
        "varnish_vs_nginx>=0.80": result["ratios_to_nginx"]["varnish_article"]
        >= GOALS["varnish_vs_nginx"],
        "article_uncached>=400rps": result["uncached"]["article"]["rps"]
        >= GOALS["article_uncached_rps"],
        "cached_p99<20ms": max(cached_p99) < GOALS["cached_p99_ms"],
        "worker_rss<150MB": bool(result["worker_rss_mb"])
        and max(result["worker_rss_mb"]) < GOALS["worker_rss_mb"],
    }
    return result


def print_table(results: dict) -> None:
    for name, r in results.items():
        nginx = r["nginx_same_headers_article"]["rps"] or 1
        feed = r["paths"]["news_feed"]
        note = " = a section page, /news-feed/ is 404 here" if r["paths"]["feed_is_section"] else ""
        print(f"\n== {name}  (article {r['article_bytes']} bytes; news feed path {feed}{note})")
        print(f"{'what':32} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'/nginx':>7}")
        rows = [(f"uncached {k}", v) for k, v in r["uncached"].items()]
        rows += [(f"app cache {k}", v) for k, v in r["cached"].items()]
        rows += [
            ("varnish article", r["varnish_article"]),
            ("nginx article, same headers", r["nginx_same_headers_article"]),
            ("nginx article, bare file", r["nginx_article"]),
        ]
        for label, v in rows:
            print(
                f"{label:32} {v['rps']:>8} {v['p50_ms']:>8} {v['p99_ms']:>8} "
                f"{v['rps'] / nginx:>7.3f}"
            )
        print(f"web worker RSS MB: {r['worker_rss_mb']}")
        print(
            "goals: "
            + ", ".join(f"{k} {'yes' if ok else 'NO'}" for k, ok in r["goals_met"].items())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 8)))
    parser.add_argument("--only", choices=sorted(BACKENDS), action="append")
    args = parser.parse_args()
    for binary, package in (("wrk", "wrk"), ("nginx", "nginx-light"), ("varnishd", "varnish")):
        need(binary, package)
    names = args.only or list(BACKENDS)
    results = {}
    with tqdm(total=8 * len(names), unit="run") as bar:
        for name in names:
            results[name] = run_backend(name, args.seconds, bar)
    summary = {
        "bench": "load",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "connections": CONNECTIONS,
        "seconds": args.seconds,
        "results": results,
    }
    print_table(results)
    out = ROOT / "bench" / "results" / f"load-{summary['at'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2))
    print(f"\nsaved {out.relative_to(ROOT)}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
