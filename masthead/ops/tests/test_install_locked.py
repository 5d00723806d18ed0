"""deploy/install_locked.py gives uv the package sources pip is configured with."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "deploy" / "install_locked.py"


@pytest.fixture(scope="module")
def install_locked():
    spec = importlib.util.spec_from_file_location("install_locked", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_uv_gets_pips_indexes_links_constraints_and_certificate(install_locked):
    options = {
        "extra-index-url": "file:///opt/pypi/simple  file:///opt/more/simple",
        "find-links": "/opt/wheels /srv/wheels",
        "constraint": "/etc/constraints.txt",
        "cert": "/etc/ssl/ca.crt",
        "default-timeout": "180",
        "no-cache-dir": "1",
        "disable-pip-version-check": "1",
    }
    env = install_locked.uv_environment(options, {"PATH": "/bin"})
    assert env["UV_EXTRA_INDEX_URL"] == "file:///opt/pypi/simple file:///opt/more/simple"
    assert env["UV_FIND_LINKS"] == "/opt/wheels,/srv/wheels"
    assert env["UV_CONSTRAINT"] == "/etc/constraints.txt"
    assert env["SSL_CERT_FILE"] == "/etc/ssl/ca.crt"
    assert env["UV_HTTP_TIMEOUT"] == "180"
    assert env["UV_NO_CACHE"] == "1"
    # pip picks the best match from every index; uv must not stop at the first.
    assert env["UV_INDEX_STRATEGY"] == "unsafe-best-match"
    assert env["PATH"] == "/bin"


def test_uvs_own_configuration_cannot_add_sources(install_locked):
    env = install_locked.uv_environment(
        {}, {"UV_INDEX_URL": "https://elsewhere.example/simple", "UV_NO_CACHE": "1"}
    )
    assert "UV_INDEX_URL" not in env
    assert env["UV_NO_CONFIG"] == "1"
    assert env["UV_NO_CACHE"] == "1"


def test_a_pip_option_without_a_uv_equivalent_means_installing_with_pip(install_locked):
    with pytest.raises(install_locked.Untranslatable):
        install_locked.uv_environment({"only-binary": ":all:"}, {})


def test_pip_variables_win_over_pip_conf(install_locked, monkeypatch):
    listing = (
        "global.find-links='/opt/wheels'\n"
        "install.find-links='/opt/install-wheels'\n"
        ":env:.find-links='/opt/env-wheels'\n"
        "global.timeout='60'\n"
        "download.only-binary=':all:'\n"
    )

    class Done:
        stdout = listing

    monkeypatch.setattr(install_locked.subprocess, "run", lambda *a, **k: Done())
    options = install_locked.pip_options("python")
    assert options == {"find-links": "/opt/env-wheels", "timeout": "60"}


def test_when_uv_fails_the_lock_is_installed_with_pip(install_locked, monkeypatch, capsys):
    calls = []

    def uv_fails(python, lock):
        raise install_locked.subprocess.CalledProcessError(2, ["uv"])

    monkeypatch.setattr(install_locked, "install_with_uv", uv_fails)
    monkeypatch.setattr(install_locked, "install_with_pip", lambda *args: calls.append(args))
    monkeypatch.setattr(install_locked, "compile_bytecode", lambda python: calls.append(python))
    assert install_locked.main("python", "requirements.lock") == 0
    assert calls == [("python", "requirements.lock"), "python"]
    assert "installing with pip" in capsys.readouterr().err


def test_the_installed_packages_carry_their_bytecode():
    """`make install` wrote it (uv does not): where run-time writes are off, a process would
    otherwise compile every module it imports, each time it starts."""
    import django.db.models.query
    import redis.commands.core
    import wagtail.models.pages

    for module in (django.db.models.query, redis.commands.core, wagtail.models.pages):
        compiled = Path(importlib.util.cache_from_source(module.__file__))
        assert compiled.exists(), compiled
        assert compiled.stat().st_mtime >= Path(module.__file__).stat().st_mtime
