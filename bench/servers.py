"""What the HTTP benchmarks share: the app served as in production (granian, 2 processes),
nginx serving files, Varnish with deploy/varnish/default.vcl, and wrk to load them.

A helper module, not a benchmark (the Makefile's BENCHES leaves it out). Every port is a
parameter, so two benchmarks (or two checkouts) can run side by side on different ports.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG"  # noqa: S105


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


def get(url: str, timeout: float = 180, headers: dict | None = None) -> tuple[int, bytes, dict]:
    try:
        request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, b"", {}


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def production_env(var_dir: Path, *, cache: bool, key_prefix: str, **extra: str) -> dict:
    """The environment of a production web process (masthead.settings.production, as
    deploy/run-web starts it), on 127.0.0.1, with its files under `var_dir`. `extra` adds or
    overrides variables (DATABASE_URL, REDIS_URL, FRONTEND_CACHE_URLS...)."""
    return {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "MASTHEAD_VAR_DIR": str(var_dir),
        "PAGE_CACHE_ENABLED": "True" if cache else "False",
        "CACHE_KEY_PREFIX": key_prefix,
        "LOG_LEVEL": "WARNING",
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),  # as deploy/run-web
        **extra,
    }


def manage(env: dict, *args: str, **kwargs) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def ensure_postgres_database(url: str) -> None:
    import psycopg

    db = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [db]).fetchone():
            conn.execute(f'CREATE DATABASE "{db}"')


class Server:
    """granian with the shipped settings: 2 processes, bounded threads, no access log."""

    def __init__(self, env: dict, port: int):
        self.env = env
        self.port = port
        self.process = None

    def __enter__(self):
        if not port_free(self.port):
            sys.exit(f"bench: port {self.port} is busy")
        granian = str(Path(PYTHON).parent / "granian")
        self.process = subprocess.Popen(
            [granian, "--interface", "wsgi", "masthead.wsgi:application", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", "2", "--blocking-threads", "4",
             "--no-access-log"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_http(f"http://127.0.0.1:{self.port}/healthz")
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
        while not port_free(self.port):
            time.sleep(0.2)


# Headers nginx makes itself, or that belong to one delivery: not copied by `copied_headers`.
_NGINX_OWN_HEADERS = {
    "date", "server", "content-length", "content-type", "content-encoding", "etag",
    "last-modified", "connection", "transfer-encoding", "vary", "accept-ranges", "keep-alive",
}  # fmt: skip


def copied_headers(headers: dict) -> list[tuple[str, str]]:
    """The app's response headers that nginx can send as they are (`add_header`), so the
    reference serves the same bytes as the app and Varnish, headers included."""
    return [
        (name, value)
        for name, value in headers.items()
        if name.lower() not in _NGINX_OWN_HEADERS and "$" not in value and '"' not in value
    ]


def nginx_serving(
    www: Path,
    workdir: Path,
    port: int,
    probe: str = "/",
    *,
    headers: list[tuple[str, str]] = (),
    headers_port: int | None = None,
    own_group: bool = False,
):
    """nginx (as Debian ships it, no access log) serving the files under `www` on `port`;
    `probe` is a path that must answer before this returns. With `headers_port`, a second
    server there sends the same files with `headers` added to each answer."""
    nginx = need("nginx", "nginx-light")
    second = ""
    if headers_port is not None:
        added = "".join(f'    add_header "{name}" "{value}" always;\n' for name, value in headers)
        second = f"  server {{\n    listen 127.0.0.1:{headers_port}; root {www};\n{added}  }}\n"
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  # A file.gz beside a file is sent to clients that accept gzip (the load bench's article).
  gzip_static on;
  keepalive_requests 100000;
  default_type text/html;
  server {{ listen 127.0.0.1:{port}; root {www}; }}
{second}}}
"""
    )
    process = subprocess.Popen(  # noqa: S603
        [nginx, "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
        start_new_session=own_group,
    )
    wait_http(f"http://127.0.0.1:{port}{probe}", 20)
    return process


# ``own_group``: an edge server in a session of its own is a scheduling group of its own
# (Linux autogroup), as systemd or a container gives each service its own cgroup: under a
# full CPU it gets its share as one service, not one share per thread. In one flat group
# Varnish's hundreds of threads took nearly all the CPU from the app's render thread and the
# editor, so in the spike bench a publish waited seconds to be rendered behind the edge.


def shipped_varnish_params() -> list[str]:
    """The ``-p`` arguments deploy/compose.yaml starts Varnish with: the benchmarks run it as
    shipped (no request log, as nginx here keeps no access log)."""
    import yaml

    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    command = compose["services"]["varnish"]["command"]
    return [arg for i, arg in enumerate(command) if arg == "-p" or command[i - 1] == "-p"]


def varnish_serving(
    workdir: Path,
    *,
    app_port: int,
    port: int,
    admin_port: int,
    own_group: bool = False,
    public_host: str | None = None,
):
    """Varnish with the shipped VCL (deploy/varnish/default.vcl), its backend on `app_port`.

    `public_host`: the Host it asks the app with. Deployed, readers reach Varnish at the
    site's one public address (SITE_URL), so the app sees that Host whether a reader comes
    through Varnish or not; here Varnish listens on a port of its own, and without this the
    app would keep (and render after each publish) a second copy of every page for it."""
    varnishd = need("varnishd", "varnish")
    vcl = workdir / "default.vcl"
    source = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    source = source.replace('.port = "8000";', f'.port = "{app_port}";')
    if public_host:
        source += f'\nsub vcl_backend_fetch {{\n    set bereq.http.Host = "{public_host}";\n}}\n'
    vcl.write_text(source)
    process = subprocess.Popen(
        [varnishd, "-F", "-j", "none", "-a", f"127.0.0.1:{port}",
         "-T", f"127.0.0.1:{admin_port}", "-n", str(workdir / "varnish"), "-f", str(vcl),
         "-s", "malloc,128m", *shipped_varnish_params()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=own_group,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while port_free(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    return process


def _ms(value: str, unit: str) -> float:
    number = float(value)
    return round(number / 1000 if unit == "us" else number * 1000 if unit == "s" else number, 3)


def wrk(
    url: str,
    seconds: int,
    *,
    connections: int,
    threads: int = 2,
    warmup: int = 2,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
    timeout: str = "2s",
    headers: tuple[str, ...] = (),
    own_group: bool = False,
) -> dict:
    """rps, p50/p99 and errors of `seconds` of wrk on `url`, after `warmup` unmeasured
    seconds (every server measured warm, with its connections, threads and per-process copies
    already made). With a Lua `script`, its output is in "stdout" for the caller to read.
    `own_group`: wrk in a scheduling group of its own (see below), as readers' browsers are on
    machines of their own."""
    command = [need("wrk", "wrk"), f"-t{threads}", f"-c{connections}", f"--timeout={timeout}"]
    for header in headers:
        command += ["-H", header]
    tail = ["-s", str(script), url, "--", *script_args] if script else [url]
    if warmup:
        subprocess.run(
            [*command, f"-d{warmup}s", *tail],
            capture_output=True, check=True, start_new_session=own_group,
        )  # fmt: skip
    out = subprocess.run(
        [*command, f"-d{seconds}s", "--latency", *tail],
        capture_output=True, text=True, check=True, start_new_session=own_group,
    ).stdout  # fmt: skip

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return _ms(match.group(1), match.group(2))

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "rps": round(rps),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "stdout": out,
    }
