"""First-run benchmark: from `git clone` to the first page, as a newcomer lives it.

Clones the current checkout's HEAD (committed work only) into a temporary directory and runs
`make run` there with no package cache (PIP_NO_CACHE_DIR=1, UV_NO_CACHE=1), no DATABASE_URL
or REDIS_URL (the defaults: SQLite and files in var/) and its own PORT. It times:

- each set-up step (install, migrate, seed, collectstatic), from the lines make echoes;
- `announced_s`: when serve printed "Masthead is serving on ...";
- `setup_cpu_s`: CPU seconds of the set-up steps before serve (steadier than wall time on a
  shared machine);
- `first_page_s`: from the clone to the first 200 from http://127.0.0.1:PORT/ (asked for as
  soon as serve says it is serving), and `first_request_s`, that request's own latency;
- `later_requests_max_s`: the slowest of a few more pages (the front page again, Team, Jobs,
  an article) asked for while the worker is still busy;
- `setup_queue_empty_s`: until the worker has no task waiting or running apart from
  narrations (image renditions and the like), and `narrations_left` then. Narrating the 44
  demo articles takes far longer (tens of CPU minutes with Piper) and is not waited for
  unless --until-narrated;
- `errors_logged`: tracebacks and ERROR lines in the run's output until it is stopped (a
  first start logs none), and `processes_left_after_stop` (none).

    .venv/bin/python bench/firstrun.py   # $PORT or a free port; waits up to 300 s for set-up
    .venv/bin/python bench/firstrun.py --port 18691 --max-wait 600 --until-narrated

Takes about 2 to 4 minutes on a 2-core machine. Saves bench/results/firstrun-<time>.json and
prints the figures LAST as one JSON line.
"""

import argparse
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A line make echoes before each step, and the step's name.
STEPS = [
    ("install_locked.py", "install"),
    ("manage.py migrate", "migrate"),
    ("manage.py seed_demo", "seed"),
    ("manage.py collectstatic", "collectstatic"),
    ("manage.py serve", "serve"),
]
ERROR_LINE = re.compile(r"Traceback \(most recent call last\)|\bERROR\b")
# Variables of the developer's shell that would make the clone differ from a fresh machine.
DROPPED = {
    "VIRTUAL_ENV",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "MASTHEAD_VAR_DIR",
    "MEDIA_ROOT",
    "SITE_URL",
}


class Output(threading.Thread):
    """Reads the run's output, keeping each line with the time it arrived."""

    def __init__(self, stream, start: float, log: Path):
        super().__init__(daemon=True)
        self.stream, self.start_time, self.log = stream, start, log
        self.lines: list[tuple[float, str]] = []

    def run(self) -> None:
        with self.log.open("w") as log:
            for line in self.stream:
                self.lines.append((time.monotonic() - self.start_time, line.rstrip("\n")))
                log.write(line)
                log.flush()

    def first(self, text: str) -> float | None:
        return next((t for t, line in list(self.lines) if text in line), None)


def get(url: str, timeout: float = 120) -> tuple[int, float, str]:
    """(status, seconds, body) of one GET."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - localhost
            body = response.read().decode("utf-8", "replace")
            status = response.status
    except urllib.error.HTTPError as error:
        status, body = error.code, ""
    return status, time.monotonic() - started, body


def waiting_tasks(db: Path) -> dict[str, int]:
    """Tasks waiting or running, by queue, read from the clone's SQLite database."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            rows = connection.execute(
                "SELECT queue_name, count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING') GROUP BY queue_name"
            ).fetchall()
    except sqlite3.Error:
        return {"?": -1}
    return dict(rows)


def processes_running_from(directory: Path) -> int:
    """Processes whose command line names `directory` (left behind by a stopped run)."""
    count = 0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(directory) in (proc / "cmdline").read_text():
                count += 1
        except OSError:
            continue
    return count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def finished_children_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of the finished children of `pid`: for make at the first
    page, every set-up step before serve (install, migrate, seed, collectstatic). Unlike the
    wall-clock figures it hardly depends on what else the machine is doing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    cutime, cstime = int(fields[13]), int(fields[14])  # fields 16 and 17 of proc(5)
    return round((cutime + cstime) / os.sysconf("SC_CLK_TCK"), 1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run(args, workdir: Path) -> dict:
    figures: dict = {"port": args.port, "load_average_start": list(os.getloadavg())}
    started = time.monotonic()
    clone = workdir / "masthead"
    subprocess.run(  # noqa: S603 - fixed argv
        ["git", "clone", "--quiet", str(ROOT), str(clone)],  # noqa: S607
        check=True,
    )
    figures["clone_s"] = round(time.monotonic() - started, 1)
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(PORT=str(args.port), PIP_NO_CACHE_DIR="1", UV_NO_CACHE="1")
    process = subprocess.Popen(
        ["make", "run"],  # noqa: S607
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # one process group: make, serve, granian, worker
    )
    output = Output(process.stdout, started, workdir / "run.log")
    output.start()
    base = f"http://127.0.0.1:{args.port}"
    try:
        while output.first("Masthead is serving on") is None:
            if process.poll() is not None or time.monotonic() - started > args.start_timeout:
                raise RuntimeError(f"make run did not start; see {workdir / 'run.log'}")
            time.sleep(0.1)
        status, seconds, body = get(base + "/")
        figures["first_request_s"] = round(seconds, 2)
        figures["first_status"] = status
        while status != 200 and time.monotonic() - started < args.start_timeout:
            time.sleep(0.5)
            status, _, body = get(base + "/")
        figures["first_page_s"] = round(time.monotonic() - started, 1)
        figures["setup_cpu_s"] = finished_children_cpu(process.pid)
        article = re.search(r'href="(?:https?://[^/"]+)?(/[a-z0-9-]+/[a-z0-9-]+/)"', body)
        later = ["/", "/team/", "/jobs/"] + ([article.group(1)] if article else [])
        answers = {path: get(base + path)[:2] for path in later}
        figures["later_requests_s"] = {path: round(s, 2) for path, (_, s) in answers.items()}
        figures["later_requests_max_s"] = max(figures["later_requests_s"].values())
        figures["later_statuses"] = sorted({status for status, _ in answers.values()})
        db = clone / "var" / "db.sqlite3"
        while True:
            waiting = waiting_tasks(db)
            others = sum(n for queue, n in waiting.items() if queue != "narration")
            elapsed = time.monotonic() - started
            if others == 0 and "setup_queue_empty_s" not in figures:
                figures["setup_queue_empty_s"] = round(elapsed, 1)
                figures["narrations_left"] = waiting.get("narration", 0)
                if not args.until_narrated:
                    break
            if not waiting:
                figures["queue_empty_s"] = round(elapsed, 1)
                break
            if elapsed - figures["first_page_s"] > args.max_wait:
                figures["waiting_at_max_wait"] = waiting
                break
            time.sleep(1)
    finally:
        stopping_at = time.monotonic() - started
        stop(process)
        output.join(timeout=5)
        time.sleep(2)
        figures["processes_left_after_stop"] = processes_running_from(clone)
    for marker, step in STEPS:
        figures[f"{step}_started_s"] = _round(output.first(marker))
    figures["announced_s"] = _round(output.first("Masthead is serving on"))
    figures["installed_with"] = "pip" if output.first("installing with pip") else "uv"
    # Until the stop: a task interrupted by the stop is reported, and is not a set-up error.
    figures["errors_logged"] = sum(
        1 for t, line in output.lines if t < stopping_at and ERROR_LINE.search(line)
    )
    figures["load_average_end"] = list(os.getloadavg())
    return figures


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 0) or free_port()))
    parser.add_argument(
        "--start-timeout", type=float, default=900, help="seconds from the clone to serving"
    )
    parser.add_argument(
        "--max-wait", type=float, default=300, help="seconds from the first page for the worker"
    )
    parser.add_argument("--until-narrated", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the clone and run.log")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="masthead-firstrun-"))
    try:
        figures = run(args, workdir)
    finally:
        if not args.keep:
            subprocess.run(["rm", "-rf", str(workdir)], check=False)  # noqa: S603, S607
    summary = {
        "bench": "firstrun",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "commit": subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
        **figures,
    }
    out = ROOT / "bench" / "results" / f"firstrun-{summary['at'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2))
    print(f"saved {out.relative_to(ROOT)}", file=sys.stderr)  # noqa: T201
    print(json.dumps(summary))  # noqa: T201


if __name__ == "__main__":
    main()
