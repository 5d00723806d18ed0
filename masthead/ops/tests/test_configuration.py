"""Production settings come from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _run(env_overrides: dict, *args: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_VAR_DIR=str(tmp_path),
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 10 + "q3VZ-production-secret-for-the-deploy-check-8f2a9c7d41b6e0",
    "ALLOWED_HOSTS": "news.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/7",
    "MEDIA_S3_BUCKET": "masthead-media",
    "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "FRONTEND_CACHE_URLS": "http://127.0.0.1:6081",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.org:587",
    "METRICS_TOKEN": "scrape-me",
}


@pytest.mark.slow
def test_check_deploy_passes_with_production_settings_from_the_environment(tmp_path):
    result = _run(PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_production_settings_read_services_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']);"
        "print(s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name']);"
        "print(s.WAGTAILFRONTENDCACHE['edge0']['LOCATION'], s.EMAIL_HOST, s.EMAIL_USE_TLS)"
    )
    result = _run(PRODUCTION_ENV, "shell", "-c", code, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert " ".join(result.stdout.strip().splitlines()[-3:]).split() == [
        "masthead.caching.store.FailSafeRedisCache",
        "redis://127.0.0.1:6379/7",
        "storages.backends.s3.S3Storage",
        "masthead-media",
        "http://127.0.0.1:6081",
        "smtp.example.org",
        "True",
    ]


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _run(env, "check", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
