"""Edge benchmark: Varnish (the shipped VCL) alone against nginx on the spike's request mix,
with the spike's PURGEs, and without the app: a cheap way to see what the edge costs.

bench/spike.py measures Varnish in front of the real app while an editor publishes; there the
app, its task worker and the editor's pollers share the CPU with Varnish. Here the backend is a
small Python server sending pages of --body-kb (gzip-compressed when asked, as the app's page
cache does), the listing pages after --listing-ms (the app rendering a purged front page), and
a purger thread sends the PURGEs a spike editor's publishes cause: every FEED_EVERY seconds the
front page, the news feed page, its JSON and the API's feed items; every ARTICLE_EVERY seconds
also a section page, the API's article list and a new article; each sent twice,
REPURGE_SECONDS apart (masthead/caching/purge.py). wrk (bench/spike.lua) sends the spike's
request sequence (10,000 articles, Zipf) to nginx serving the same bytes and to Varnish, in
alternating rounds, each after WARMUP_SECONDS; Varnish is warmed with every path first.

    .venv/bin/python bench/edge.py --port-base 8880 --seconds 12 --rounds 2
    .venv/bin/python bench/edge.py --vcl /tmp/other.vcl -p ban_lurker_age=1   # variants
    .venv/bin/python bench/edge.py --gzip     # readers that accept gzip, as browsers do

Prints per round the rps and Varnish's counters over the phase (bans, bans tested, hits,
misses, threads); saves bench/results/edge-<time>.json and prints its figures LAST as one
line of JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import servers
import spike
from servers import ROOT, need, stop

WARMUP_SECONDS = 3
FEED_EVERY = 5.0
ARTICLE_EVERY = 30.0
REPURGE_SECONDS = 0.8  # CACHE_TAG_MEMO_SECONDS + EDGE_REPURGE_MARGIN_SECONDS
FEED_PURGES = ["/", "/news-feed/", spike.FEED_JSON, "/api/v1/feed/"]
COUNTERS = (
    "MAIN.client_req",
    "MAIN.cache_hit",
    "MAIN.cache_hit_grace",
    "MAIN.cache_miss",
    "MAIN.busy_sleep",
    "MAIN.busy_wakeup",
    "MAIN.backend_req",
    "MAIN.bans_added",
    "MAIN.bans_tested",
    "MAIN.bans_tests_tested",
    "MAIN.bans_obj_killed",
    "MAIN.bans_lurker_tested",
    "MAIN.bans_lurker_obj_killed",
    "MAIN.n_purges",
    "MAIN.n_obj_purged",
    "MAIN.n_object",
    "MAIN.n_lru_nuked",
    "MAIN.threads",
    "MAIN.threads_created",
    "MAIN.threads_limited",
    "MAIN.sess_queued",
    "MAIN.sess_dropped",
    "MAIN.n_gunzip",
    "MAIN.n_gzip",
    "MAIN.bans",
)
GAUGES = {"MAIN.n_object", "MAIN.threads", "MAIN.bans"}


def page(path: str, size: int) -> bytes:
    """An HTML page of about `size` bytes that compresses as a real one does (prose, not zeros)."""
    words = ["officials", "confirmed", "the", "report", "this", "hour", "while", "the"]
    body, n = [f"<html><head><title>{path}</title></head><body>"], 0
    while sum(map(len, body)) < size:
        body.append(f"<p>{' '.join(words[(n + i) % len(words)] for i in range(40))} {n}</p>\n")
        n += 7
    return "".join(body).encode()[:size]


def backend(port: int, size: int, listing_ms: float) -> ThreadingHTTPServer:
    """The app's stand-in: any path answers a page (gzip when asked), cacheable for 300 s;
    listing pages (front, sections, feed) after `listing_ms`, as a render after a purge."""
    plain = page("/", size)
    packed = gzip.compress(plain, 6)
    listings = {"/", spike.FEED_JSON, *(f"/{s}/" for s in spike.archive.SECTIONS)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - http.server's name
            if self.path in listings and listing_ms:
                time.sleep(listing_ms / 1000)
            zipped = "gzip" in self.headers.get("Accept-Encoding", "")
            body = packed if zipped else plain
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=60, s-maxage=300")
            self.send_header("Vary", "Accept-Encoding")
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def static_files(www: Path, paths: list[str], size: int) -> None:
    """nginx's copy: every path of the mix as one hard-linked file, with its .gz beside it."""
    plain = page("/", size)
    source, packed = www / "page.html", www / "page.html.gz"
    source.write_bytes(plain)
    packed.write_bytes(gzip.compress(plain, 6))
    for path in dict.fromkeys(paths):
        target = www / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.link(source, target)
            os.link(packed, target.with_name(target.name + ".gz"))


def varnish(workdir: Path, vcl_source: Path, *, backend_port: int, port: int, admin: int, params):
    vcl = workdir / "edge.vcl"
    text = vcl_source.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
    vcl.write_text(text.replace('.url = "/healthz";', '.url = "/";'))
    command = [need("varnishd", "varnish"), "-F", "-j", "none", "-a", f"127.0.0.1:{port}",
               "-T", f"127.0.0.1:{admin}", "-n", str(workdir / "varnish"), "-f", str(vcl),
               "-s", "malloc,1g", *servers.shipped_varnish_params()]  # fmt: skip
    for param in params:  # after the shipped ones, which they override
        command += ["-p", param]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while servers.port_free(port):
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"bench: varnishd did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    return process


def counters(workdir: Path) -> dict:
    out = subprocess.run(
        [need("varnishstat", "varnish"), "-n", str(workdir / "varnish"), "-1", "-j"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    data = json.loads(out)
    data = data.get("counters", data)
    return {name: data[name]["value"] for name in COUNTERS if name in data}


def change(before: dict, after: dict) -> dict:
    return {
        name.removeprefix("MAIN."): after[name] if name in GAUGES else after[name] - before[name]
        for name in after
    }


class Purger(threading.Thread):
    """The PURGEs of a spike editor's publishes, on the spike's schedule."""

    def __init__(self, url: str, articles: int):
        super().__init__(daemon=True)
        self.url, self.articles, self.stopping, self.sent = url, articles, threading.Event(), 0

    def purge(self, paths: list[str]) -> None:
        for path in paths:
            request = urllib.request.Request(self.url + path, method="PURGE")
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                response.read()
            self.sent += 1

    def publish(self, paths: list[str]) -> None:
        self.purge(paths)
        threading.Timer(REPURGE_SECONDS, self.purge, args=(paths,)).start()

    def run(self) -> None:
        start = time.monotonic()
        next_feed, next_article, n = start + FEED_EVERY, start + ARTICLE_EVERY, 0
        while not self.stopping.wait(max(0.0, min(next_feed, next_article) - time.monotonic())):
            paths = []
            if time.monotonic() >= next_feed:
                paths += FEED_PURGES
                next_feed += FEED_EVERY
            if time.monotonic() >= next_article:
                section = spike.archive.SECTIONS[n % len(spike.archive.SECTIONS)]
                paths += [f"/{section}/", f"/{section}/breaking-{n}/", "/api/v1/articles/"]
                next_article += ARTICLE_EVERY
                n += 1
            self.publish(paths)


def phase(url: str, args, url_file: Path) -> dict:
    result = servers.wrk(
        url, args.seconds, connections=spike.CONNECTIONS, warmup=WARMUP_SECONDS,
        script=ROOT / "bench" / "spike.lua", script_args=(str(url_file), "2"), timeout="5s",
        headers=("Accept-Encoding: gzip",) if args.gzip else (),
    )  # fmt: skip
    figures = json.loads(
        next(x for x in result.pop("stdout").splitlines() if x.startswith("SPIKE ")).removeprefix(
            "SPIKE "
        )
    )
    errors = figures["non_2xx_3xx"] + sum(figures["socket_errors"].values())
    return {"rps": result["rps"], "p50_ms": result["p50_ms"], "p99_ms": result["p99_ms"],
            "errors": errors}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=spike.ARTICLES)
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--body-kb", type=int, default=40, help="size of a page, uncompressed")
    parser.add_argument("--listing-ms", type=float, default=100, help="backend time of a listing")
    parser.add_argument("--gzip", action="store_true", help="wrk asks for gzip, as browsers do")
    parser.add_argument("--no-purge", action="store_true", help="no purges, to compare")
    parser.add_argument("--vcl", type=Path, default=ROOT / "deploy" / "varnish" / "default.vcl")
    parser.add_argument("-p", dest="params", action="append", default=[], help="varnishd -p")
    parser.add_argument(
        "--port-base",
        type=int,
        default=int(os.environ.get("BENCH_PORT_BASE", 8880)),
        help="backend, Varnish, Varnish admin and nginx take this port and the three after it",
    )
    args = parser.parse_args()
    need("wrk", "wrk")
    backend_port, varnish_port, admin_port, nginx_port = (args.port_base + i for i in range(4))
    for port in (backend_port, varnish_port, admin_port, nginx_port):
        if not servers.port_free(port):
            sys.exit(f"bench: port {port} is busy")
    size = args.body_kb * 1024
    url_paths = spike.draw_paths(args.articles, spike.SEQUENCE_LENGTH, spike.SEED)
    rounds = []
    with tempfile.TemporaryDirectory(prefix="masthead-edge-") as tmp:
        workdir = Path(tmp)
        workdir.chmod(0o755)
        url_file = workdir / "paths.txt"
        url_file.write_text("\n".join(url_paths) + "\n")
        (workdir / "www").mkdir()
        static_files(workdir / "www", url_paths, size)
        app = backend(backend_port, size, args.listing_ms)
        cache = varnish(
            workdir, args.vcl, backend_port=backend_port, port=varnish_port, admin=admin_port,
            params=args.params,
        )  # fmt: skip
        web = servers.nginx_serving(workdir / "www", workdir, nginx_port)
        varnish_url, nginx_url = (
            f"http://127.0.0.1:{varnish_port}",
            f"http://127.0.0.1:{nginx_port}",
        )
        purger = Purger(varnish_url, args.articles)
        try:
            headers = {"Accept-Encoding": "gzip"} if args.gzip else {}
            with ThreadPoolExecutor(16) as pool:
                list(pool.map(lambda p: servers.get(varnish_url + p, headers=headers),
                              dict.fromkeys(url_paths)))  # fmt: skip
            if not args.no_purge:
                purger.start()
            for n in range(args.rounds):
                nginx = phase(nginx_url + "/", args, url_file)
                before = counters(workdir)
                cached = phase(varnish_url + "/", args, url_file)
                stats = change(before, counters(workdir))
                ratio = round(cached["rps"] / (nginx["rps"] or 1), 3)
                rounds.append({"nginx": nginx, "varnish": cached, "ratio": ratio, "stats": stats})
                print(f"round {n + 1}: nginx {nginx['rps']} varnish {cached['rps']} rps, "
                      f"ratio {ratio}, {json.dumps(stats)}", file=sys.stderr)  # fmt: skip
        finally:
            purger.stopping.set()
            stop(cache)
            stop(web)
            app.shutdown()
    ratios = sorted(r["ratio"] for r in rounds)
    summary = {
        "bench": "edge",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "vcl": str(args.vcl),
        "params": args.params,
        "gzip": args.gzip,
        "purging": not args.no_purge,
        "purges_sent": purger.sent,
        "body_kb": args.body_kb,
        "listing_ms": args.listing_ms,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "varnish_vs_nginx": ratios[len(ratios) // 2],
        "rounds": rounds,
    }
    out = ROOT / "bench" / "results" / f"edge-{summary['at'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
