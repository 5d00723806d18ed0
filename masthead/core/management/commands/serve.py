import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.accounts.seeds import credentials_path


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
        worker = [sys.executable, "manage.py", "worker", "--queue-name", "*", "--no-reload"]
        processes = [subprocess.Popen(web, env=env)]  # noqa: S603 - our own fixed argv
        processes += [
            subprocess.Popen(worker, env=env)  # noqa: S603 - our own fixed argv
            for _ in range(options["task_workers"])
        ]

        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(self.style.SUCCESS(f"\nMasthead is serving on {url}/"))
        self.stdout.write(f"Editors' admin: {url}/admin/")
        if credentials_path().exists():
            self.stdout.write("Demo logins (also in var/demo-logins.txt):")
            self.stdout.write(credentials_path().read_text())
        self.stdout.write("Press Ctrl+C to stop.\n")

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            for process in processes:
                if process.poll() is not None:
                    self.stderr.write(
                        f"{process.args[0]} exited with {process.returncode}; stopping."
                    )
                    stop()
            time.sleep(1)
