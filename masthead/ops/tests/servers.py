"""Start real servers (Varnish, PostgreSQL, Redis, granian) on loopback ports for the
integration and fault tests, and stop exactly the processes started here."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"


_next_port: dict[str, int] = {}


def free_port() -> int:
    """A free port in this helper's range (8600-8699, or MASTHEAD_TEST_PORTS="LOW-HIGH" for
    someone who shares the machine), split between xdist workers so parallel tests never
    collide; never the same port twice in one process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker.removeprefix("gw") or 0) % 2
    first, last = (int(n) for n in os.environ.get("MASTHEAD_TEST_PORTS", "8602-8699").split("-"))
    half = (last - first + 1) // 2
    low, high = first + index * half, first + index * half + half - 1
    port = _next_port.get(worker, low)
    while port <= high:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                port += 1
                continue
        _next_port[worker] = port + 1
        return port
    _next_port[worker] = low
    raise RuntimeError("no free port left in range")


def wait_for_port(port: int, *, timeout: float = 30.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {host}:{port} after {timeout} s")


def require(binary: str, package: str) -> str:
    path = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/lib/postgresql/15/bin")
    if path is None:
        pytest.skip(f"{binary} is not installed (Debian package {package}; .ci/run installs it)")
    return path


def stop(process: subprocess.Popen, *, timeout: float = 10.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_varnish(*, port: int, admin_port: int, backend_port: int, workdir: Path):
    """varnishd in the foreground with our VCL, its backend pointed at ``backend_port``."""
    varnishd = require("varnishd", "varnish")
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    vcl = workdir / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    process = subprocess.Popen(
        [
            varnishd, "-F", "-j", "none",
            "-a", f"127.0.0.1:{port}",
            "-T", f"127.0.0.1:{admin_port}",
            "-n", str(workdir / "n"),
            "-f", str(vcl),
            "-s", "malloc,64m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for_port(port, timeout=30)
    except TimeoutError:
        stop(process)
        raise RuntimeError(process.stderr.read().decode()[-2000:]) from None
    return process


def start_redis(*, port: int, workdir: Path) -> subprocess.Popen:
    redis = require("redis-server", "redis-server")
    workdir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [redis, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port, timeout=15)
    return process


class Postgres:
    """A throwaway PostgreSQL cluster of our own (initdb), so it can be stopped and
    restarted without touching the machine's server."""

    def __init__(self, *, port: int, workdir: Path):
        self.port = port
        self.data = workdir / "pgdata"
        self.log = workdir / "pg.log"
        self.bin = Path("/usr/lib/postgresql/15/bin")
        if not (self.bin / "initdb").exists():
            pytest.skip("PostgreSQL 15 server binaries are not installed")
        self.run_as = []
        if os.geteuid() == 0:
            # initdb refuses to run as root: run the cluster as the postgres system user.
            self.run_as = ["runuser", "-u", "postgres", "--"]
            workdir.chmod(0o777)

    def _run(self, *args: str) -> None:
        subprocess.run([*self.run_as, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                  "-o", f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off",
                  "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"
