"""Load benchmark: the production server (granian, 2 processes) on SQLite and on PostgreSQL
with Redis, demo data, measured with wrk on 127.0.0.1 against nginx serving the same article
bytes and Varnish (deploy/varnish/default.vcl) in front of the app.

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
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
APP_PORT, NGINX_PORT, VARNISH_PORT, VARNISH_ADMIN = 8690, 8691, 8692, 8693
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


def need(binary: str, package: str) -> str:
    path = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin")
    if not path:
        sys.exit(f"bench: `{binary}` is missing. Install it: apt-get install {package}")
    return path


def wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


def get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=180) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, b"", {}


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def wrk(url: str, seconds: int) -> dict:
    # Two unmeasured seconds first: every server (nginx, Varnish, granian) is measured warm,
    # with its connections, threads and per-process copies already made.
    subprocess.run(
        [need("wrk", "wrk"), "-t2", f"-c{CONNECTIONS}", "-d2s", url],
        capture_output=True,
        check=True,
    )
    out = subprocess.run(
        [need("wrk", "wrk"), "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 3)

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": round(rps),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def env_for(name: str, var_dir: Path, *, cache: bool) -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "MASTHEAD_VAR_DIR": str(var_dir),
        "PAGE_CACHE_ENABLED": "True" if cache else "False",
        "CACHE_KEY_PREFIX": f"bench-{name}",
        "LOG_LEVEL": "WARNING",
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),  # as deploy/run-web
        **BACKENDS[name],
    }
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(name: str, var_dir: Path) -> None:
    env = env_for(name, var_dir, cache=True)
    if name == "postgresql":
        import psycopg

        url = env["DATABASE_URL"]
        db = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [db]).fetchone():
                conn.execute(f'CREATE DATABASE "{db}"')
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


class Server:
    """granian with the shipped settings: 2 processes, bounded threads, no access log."""

    def __init__(self, env: dict):
        self.env = env
        self.process = None

    def __enter__(self):
        if not port_free(APP_PORT):
            sys.exit(f"bench: port {APP_PORT} is busy")
        granian = str(Path(PYTHON).parent / "granian")
        self.process = subprocess.Popen(
            [granian, "--interface", "wsgi", "masthead.wsgi:application", "--host", "127.0.0.1",
             "--port", str(APP_PORT), "--workers", "2", "--blocking-threads", "4",
             "--no-access-log"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_http(f"http://127.0.0.1:{APP_PORT}/healthz")
        return self

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        sizes = []
        for pid in pids:
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            sizes.append(round(kb / 1024, 1))
        return sizes

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        while not port_free(APP_PORT):
            time.sleep(0.2)


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


def nginx_serving(html: bytes, workdir: Path):
    nginx = need("nginx", "nginx-light")
    (workdir / "www").mkdir(parents=True, exist_ok=True)
    (workdir / "www" / "article.html").write_bytes(html)
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  default_type text/html;
  server {{ listen 127.0.0.1:{NGINX_PORT}; root {workdir}/www; }}
}}
"""
    )
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.DEVNULL
    )  # noqa: S603
    wait_http(f"http://127.0.0.1:{NGINX_PORT}/article.html", 20)
    return process


def varnish_serving(workdir: Path):
    varnishd = need("varnishd", "varnish")
    vcl = workdir / "default.vcl"
    source = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    vcl.write_text(source.replace('.port = "8000";', f'.port = "{APP_PORT}";'))
    process = subprocess.Popen(
        [varnishd, "-F", "-j", "none", "-a", f"127.0.0.1:{VARNISH_PORT}",
         "-T", f"127.0.0.1:{VARNISH_ADMIN}", "-n", str(workdir / "varnish"), "-f", str(vcl),
         "-s", "malloc,128m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while port_free(VARNISH_PORT) and time.monotonic() < deadline:
        time.sleep(0.2)
    return process


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def reference_runs(nginx_url: str, varnish_url: str, seconds: int) -> tuple[dict, dict]:
    """nginx and Varnish measured in turns, REFERENCE_ROUNDS times each; each keeps its
    median run. Their ratio is the figure that matters, and on a 2-core machine shared with
    wrk one run of each can land on opposite sides of a burst of noise."""
    runs: dict[str, list[dict]] = {"nginx": [], "varnish": []}
    for _ in range(REFERENCE_ROUNDS):
        runs["nginx"].append(wrk(nginx_url, seconds))
        runs["varnish"].append(wrk(varnish_url, seconds))

    def median(results: list[dict]) -> dict:
        ordered = sorted(results, key=lambda r: r["rps"])
        return {**ordered[len(ordered) // 2], "rps_runs": [r["rps"] for r in results]}

    return median(runs["nginx"]), median(runs["varnish"])


def run_backend(name: str, seconds: int, bar) -> dict:
    var_dir = ROOT / "var" / "bench" / name
    var_dir.mkdir(parents=True, exist_ok=True)
    bar.set_description(f"{name}: migrate + seed")
    prepare(name, var_dir)
    result: dict = {"uncached": {}, "cached": {}}
    base = f"http://127.0.0.1:{APP_PORT}"

    with Server(env_for(name, var_dir, cache=False)):
        paths = find_paths()
        result["paths"] = paths
        for label in ("article", "front", "news_feed"):
            bar.set_description(f"{name}: uncached {label}")
            get(base + paths[label])
            result["uncached"][label] = wrk(base + paths[label], seconds)
            bar.update(1)

    with Server(env_for(name, var_dir, cache=True)) as server:
        for label in ("article", "front", "news_feed"):
            bar.set_description(f"{name}: cached {label}")
            for _ in range(3):
                get(base + paths[label])
            result["cached"][label] = wrk(base + paths[label], seconds)
            bar.update(1)
        _, article_html, headers = get(base + paths["article"])
        result["article_bytes"] = len(article_html)
        result["article_x_cache"] = headers.get("X-Cache")

        with tempfile.TemporaryDirectory(prefix="masthead-bench-") as tmp:
            workdir = Path(tmp)
            workdir.chmod(0o755)
            bar.set_description(f"{name}: nginx and varnish")
            nginx = nginx_serving(article_html, workdir)
            varnish = varnish_serving(workdir)
            try:
                for _ in range(3):
                    get(f"http://127.0.0.1:{VARNISH_PORT}{paths['article']}")
                result["nginx_article"], result["varnish_article"] = reference_runs(
                    f"http://127.0.0.1:{NGINX_PORT}/article.html",
                    f"http://127.0.0.1:{VARNISH_PORT}{paths['article']}",
                    seconds,
                )
            finally:
                stop(nginx)
                stop(varnish)
            bar.update(2)
        result["worker_rss_mb"] = server.worker_rss_mb()

    nginx_rps = result["nginx_article"]["rps"] or 1
    result["ratios_to_nginx"] = {
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
        nginx = r["nginx_article"]["rps"] or 1
        feed = r["paths"]["news_feed"]
        note = " = a section page, /news-feed/ is 404 here" if r["paths"]["feed_is_section"] else ""
        print(f"\n== {name}  (article {r['article_bytes']} bytes; news feed path {feed}{note})")
        print(f"{'what':32} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'/nginx':>7}")
        rows = [(f"uncached {k}", v) for k, v in r["uncached"].items()]
        rows += [(f"app cache {k}", v) for k, v in r["cached"].items()]
        rows += [("varnish article", r["varnish_article"]), ("nginx article", r["nginx_article"])]
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
