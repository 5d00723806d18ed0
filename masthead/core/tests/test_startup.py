"""What a fresh web process loads at start (masthead/core/startup.py): each case runs
masthead.wsgi in a new interpreter, as granian does in each worker."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from masthead.core.startup import defer_package_init, optional_imports_hidden

ROOT = Path(__file__).resolve().parents[3]

# Import the web application, answer /readyz (its database check) through it, and say
# which of the watched packages the process has loaded.
PROBE = """
import io, json, sys
import gc
import masthead.wsgi
frozen = gc.get_freeze_count()
statuses = []
environ = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/readyz", "QUERY_STRING": "",
    "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost",
    "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
}
answer = masthead.wsgi.application(environ, lambda status, *rest: statuses.append(status))
body = b"".join(answer)
# An AVIF upload still opens and converts (Pillow's own AVIF support, not pillow-heif's).
from PIL import Image as PILImage
import willow
avif = io.BytesIO()
PILImage.new("RGB", (8, 6), "red").save(avif, "AVIF")
avif.seek(0)
picture = willow.Image.open(avif)
webp = picture.save_as_webp(io.BytesIO())
avif_read = [picture.format_name, list(picture.get_size()), webp.format_name]
watched = (
    "psycopg", "psycopg2", "rest_framework", "css_inline", "lameenc", "stripe", "segno",
    "pillow_heif", "yaml", "pygments", "jinja2", "cryptography.x509", "OpenSSL", "pyasn1",
)
loaded = [name for name in watched if sys.modules.get(name)]
# What was hidden while the apps loaded imports again afterwards.
import yaml
yaml_after = yaml.safe_load("a: 1")
# A passkey enrolment still gets what it needs: the whole webauthn library, when it asks.
from django_otp_webauthn import helpers
from webauthn import generate_registration_options, options_to_json
options = generate_registration_options(rp_id="localhost", rp_name="Masthead", user_name="ed")
passkey = [json.loads(options_to_json(options))["rp"]["id"], bool(sys.modules.get("OpenSSL"))]
print(json.dumps({"status": statuses[0], "body": body.decode(), "loaded": loaded,
                  "avif": avif_read, "yaml_after": yaml_after, "frozen": frozen,
                  "passkey": passkey}))
"""


def start_web_process(tmp_path, database_url: str) -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PYTHONPATH")},
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "startup-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "False",
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "ERROR",
    }
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_web_process_on_sqlite_does_not_load_the_postgresql_driver(tmp_path):
    started = start_web_process(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "psycopg" not in started["loaded"]
    assert "psycopg2" not in started["loaded"]
    # Wagtail's redirects still load Django REST framework, which runs without the driver.
    assert "rest_framework" in started["loaded"]
    assert json.loads(started["body"])["checks"]["database"] == "ok", started


def test_a_web_process_reads_avif_without_loading_pillow_heif(tmp_path):
    # HEIC is no accepted upload (WAGTAILIMAGES_EXTENSIONS), so Willow's HEIC plugin stays out.
    started = start_web_process(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "pillow_heif" not in started["loaded"]
    assert started["avif"] == ["avif", [8, 6], "webp"]


def test_a_web_process_does_not_load_what_only_workers_and_payments_use(tmp_path):
    # Newsletter CSS inlining and MP3 encoding run in task workers, Stripe on payment
    # requests, segno on the TOTP enrolment page: each is imported where it is used.
    started = start_web_process(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for name in ("css_inline", "lameenc", "stripe", "segno"):
        assert name not in started["loaded"]


@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""), reason="PostgreSQL runs only"
)
def test_a_web_process_on_postgresql_keeps_its_driver(tmp_path):
    started = start_web_process(tmp_path, os.environ["DATABASE_URL"])
    assert "psycopg" in started["loaded"]
    assert json.loads(started["body"])["checks"]["database"] == "ok", started


def test_a_web_process_loads_no_optional_package_only_tests_and_api_docs_use(tmp_path):
    # PyYAML and Pygments (Django REST framework's schema renderer and docs highlighting)
    # and Jinja2 (a test decorator of django.test.utils) are hidden while the apps load.
    started = start_web_process(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for name in ("yaml", "pygments", "jinja2"):
        assert name not in started["loaded"]
    assert json.loads(started["body"])["checks"]["database"] == "ok", started
    # ...and import as usual afterwards.
    assert started["yaml_after"] == {"a": 1}


def test_optional_imports_are_hidden_only_inside_the_block():
    sys.modules.pop("masthead_absent_for_test", None)
    with optional_imports_hidden(("masthead_absent_for_test", "json")) as hidden:
        assert hidden == ["masthead_absent_for_test"]  # json was imported already: untouched
        assert sys.modules["masthead_absent_for_test"] is None
    assert "masthead_absent_for_test" not in sys.modules


def test_a_web_process_keeps_what_start_up_made_out_of_the_garbage_collector(tmp_path):
    # Full collections then come sooner and skip the objects that live as long as the process.
    started = start_web_process(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert started["frozen"] > 100_000


def test_a_web_process_loads_webauthn_whole_only_for_passkeys(tmp_path):
    # django-otp-webauthn's models need two small parts of webauthn; the rest (cryptography's
    # X.509, pyOpenSSL, pyasn1) waits for the first passkey request, and then loads.
    started = start_web_process(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for name in ("cryptography.x509", "OpenSSL", "pyasn1"):
        assert name not in started["loaded"]
    assert started["passkey"] == ["localhost", True]


def test_a_deferred_package_runs_its_init_only_for_a_name_no_submodule_gives(tmp_path, monkeypatch):
    package = tmp_path / "deferred_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from .first import first\nfrom .second import second\nINIT_RAN = True\n"
    )
    (package / "first.py").write_text("def first():\n    return 1\n")
    (package / "second.py").write_text("def second():\n    return 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("deferred_pkg", "deferred_pkg.first", "deferred_pkg.second"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert defer_package_init(("deferred_pkg",)) == ["deferred_pkg"]
    import deferred_pkg
    from deferred_pkg import first  # a submodule: what the __init__ would bind to "first"

    assert first() == 1 and deferred_pkg.first is first
    assert "INIT_RAN" not in vars(deferred_pkg)
    assert deferred_pkg.INIT_RAN is True  # any other name runs the real __init__
    assert type(deferred_pkg) is type(sys) and deferred_pkg.second() == 2
