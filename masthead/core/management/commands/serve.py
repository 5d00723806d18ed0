import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

# Asked for until the web server answers. Any HTTP answer will do (even a 404 on a site
# without the health URL): it proves a web worker has loaded the site. Not "/", whose first
# render makes image renditions.
READY_PATH = "/healthz"


def signal_group(process: subprocess.Popen, signum: int) -> None:
    """Send `signum` to every process in the group `process` leads (it may be gone)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def web_answers(url: str) -> bool:
    """True once the web server answers HTTP at `url` (whatever the status)."""
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own http URL
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


def worker_commands(task_workers: int, narration_workers: int) -> list[list[str]]:
    """The task workers' command lines. Narration takes minutes per article: in workers of
    its own it never holds up a scheduled publish, a reader's sign-in link or a send."""
    worker = [sys.executable, "manage.py", "worker", "--queue-name", "*", "--no-reload"]
    if narration_workers:
        worker += ["--exclude-queues", "narration"]
    narrator = [sys.executable, "manage.py", "worker", "--queue-name", "narration", "--no-reload"]
    return [worker] * task_workers + [narrator] * narration_workers


class Command(BaseCommand):
    help = "Serve the site with granian (production server) and run the task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument(
            "--web-workers", type=int, default=int(os.environ.get("WEB_WORKERS", 2))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 4)))
        parser.add_argument(
            "--task-workers", type=int, default=int(os.environ.get("TASK_WORKERS", 1))
        )
        parser.add_argument(
            "--narration-workers",
            type=int,
            default=int(os.environ.get("NARRATION_WORKERS", 1)),
            help="workers for the narration queue alone (0: the task workers narrate too)",
        )
        # The task workers yield the CPU to the web server: after a first run they work
        # through the demo's set-up tasks and narrations while the first readers arrive.
        parser.add_argument(
            "--worker-nice", type=int, default=int(os.environ.get("WORKER_NICE", 10))
        )

    def handle(self, *args, **options):
        bin_dir = os.path.dirname(sys.executable)
        granian = shutil.which("granian", path=bin_dir) or "granian"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "masthead.settings.base"
            ),
        }
        web = [
            granian,
            "--interface",
            "wsgi",
            "masthead.wsgi:application",
            "--host",
            options["host"],
            "--port",
            str(options["port"]),
            "--workers",
            str(options["web_workers"]),
            # A bounded thread count keeps SQLite's single writer from queueing without end.
            "--blocking-threads",
            str(options["threads"]),
            "--respawn-failed-workers",
            "--no-access-log",
        ]
        # Each child leads its own process group, and is stopped as a group: granian's worker
        # processes can outlive a stopped granian (one still loading the site kept the port),
        # and a Ctrl+C reaching the task worker directly as well as through us would
        # interrupt its current task.
        processes = [
            subprocess.Popen(web, env=env, process_group=0)  # noqa: S603 - our own fixed argv
        ]
        lower_priority = functools.partial(os.nice, max(0, options["worker_nice"]))
        processes += [
            subprocess.Popen(  # noqa: S603 - our own fixed argv
                worker, env=env, process_group=0, preexec_fn=lower_priority
            )
            for worker in worker_commands(options["task_workers"], options["narration_workers"])
        ]

        url = f"http://{options['host']}:{options['port']}"
        local = url.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:")
        self.stdout.write("Starting the web server and the task worker...")
        self.stdout.flush()

        def stop(*_):
            for process in processes:
                signal_group(process, signal.SIGTERM)
            for process in processes:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=15)
                signal_group(process, signal.SIGKILL)  # whatever of the group is left
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        announced = False
        while True:
            for process in processes:
                if process.poll() is not None:
                    self.stderr.write(
                        f"{process.args[0]} exited with {process.returncode}; stopping."
                    )
                    stop()
            if not announced and web_answers(local + READY_PATH):
                self.announce(url)
                announced = True
            time.sleep(1 if announced else 0.2)

    def announce(self, url: str) -> None:
        """Say where the site is, once it answers there."""
        self.stdout.write(self.style.SUCCESS(f"\nMasthead is serving on {url}/"))
        self.stdout.write(f"Editors' admin: {url}/admin/")
        logins = Path(settings.DEMO_LOGINS_FILE)
        if logins.exists():
            self.stdout.write(f"Demo logins (also in {logins}):")
            self.stdout.write(logins.read_text())
        self.stdout.write("Press Ctrl+C to stop.\n")
        self.stdout.flush()  # a pipe (a log, a supervisor) sees it when it is true
