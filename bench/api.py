"""Content API benchmark: server CPU per uncached request for a list of 20 articles from
/api/v1/articles/ and for one article from the API, against the article page itself, in the
same run (the goal: the list costs no more than the page).

The production server (granian, 2 processes, bench/servers.py) with the page cache off, on
the demo content (SQLite, or PostgreSQL with --postgres). Requests are sent one at a time on a
kept-alive connection; the CPU the server's processes used (utime + stime from /proc) is
divided by the number of requests. Rounds alternate between the three so that noise falls on
each alike; each keeps its median round.

    .venv/bin/python bench/api.py [--requests 300] [--rounds 3] [--postgres]

Saves bench/results/api-<time>.json and prints its figures LAST as one line of JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
from datetime import UTC, datetime
from pathlib import Path

import load
import servers
from servers import ROOT, Server
from tqdm import tqdm

PORT = 8696
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(server: Server) -> float:
    """CPU seconds used so far by the server and its worker processes."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid, *map(int, children.read_text().split())] if children.exists() else [pid]
    total = 0
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def cpu_per_request(server: Server, path: str, count: int) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    before = server_cpu_seconds(server)
    for _ in range(count):
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"bench: {path} answered {response.status}")
    after = server_cpu_seconds(server)
    connection.close()
    return (after - before) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    name = "postgresql" if args.postgres else "sqlite"
    var_dir = ROOT / "var" / "bench" / f"api-{name}"
    var_dir.mkdir(parents=True, exist_ok=True)
    load.prepare(name, var_dir)
    env = {**load.env_for(name, var_dir, cache=False), "API_PUBLIC_RATE_PER_MINUTE": "100000000"}
    with Server(env, PORT) as server:
        load.APP_PORT = PORT
        article = load.find_paths()["article"]
        _, listing, _ = servers.get(f"http://127.0.0.1:{PORT}/api/v1/articles/?limit=20")
        rows = json.loads(listing)["results"]
        targets = {
            "article_page": article,
            "api_list_20": "/api/v1/articles/?limit=20",
            "api_article": f"/api/v1/articles/{rows[0]['id']}/",
        }
        for path in targets.values():
            cpu_per_request(server, path, 20)  # warm: imports, templates, connections
        runs: dict[str, list[float]] = {k: [] for k in targets}
        with tqdm(total=args.rounds * len(targets), unit="run") as bar:
            for _ in range(args.rounds):
                for key, path in targets.items():
                    runs[key].append(round(cpu_per_request(server, path, args.requests), 3))
                    bar.update(1)
    cpu_ms = {k: statistics.median(v) for k, v in runs.items()}
    ratio = round(cpu_ms["api_list_20"] / cpu_ms["article_page"], 3)
    summary = {
        "bench": "api",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": name,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "articles_in_list": len(rows),
        "requests_per_round": args.requests,
        "cpu_ms_per_request": cpu_ms,
        "cpu_ms_runs": runs,
        "list_vs_article_page": ratio,
        "goals_met": {"list of 20 <= article page CPU": ratio <= 1.0},
    }
    for key, value in cpu_ms.items():
        print(f"{key:14} {value:8.3f} ms CPU per request   runs {runs[key]}")
    print(f"list of {len(rows)} / article page: {ratio}")
    out = ROOT / "bench" / "results" / f"api-{summary['at'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2))
    print(f"saved {out.relative_to(ROOT)}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
