"""Install requirements.lock into a virtualenv with uv, from the sources pip would use.

    python deploy/install_locked.py VENV_PYTHON requirements.lock

uv installs the locked packages about ten times faster than pip (it downloads and unpacks
in parallel), but it reads its own configuration (UV_* variables, uv.toml), not pip's. This
script asks the virtualenv's pip for its configuration (`pip config list`: pip.conf files
and PIP_* variables), gives uv the same indexes, find-links, constraints and certificates,
and hides any uv configuration of its own, so that uv installs the same files from the same
places. uv itself is installed by pip, at the version the lock pins. When pip is configured
in a way this script cannot translate, or uv fails for any reason, it installs with pip as
before. Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

# pip options (as `pip config list` names them) and how uv is told the same thing.
SPACE_LISTS = {"extra-index-url": "UV_EXTRA_INDEX_URL", "constraint": "UV_CONSTRAINT"}
# pip's find-links may hold several entries separated by white space; uv wants commas.
COMMA_LISTS = {"find-links": "UV_FIND_LINKS", "trusted-host": "UV_INSECURE_HOST"}
VALUES = {
    "index-url": "UV_DEFAULT_INDEX",
    "cert": "SSL_CERT_FILE",
    "client-cert": "SSL_CLIENT_CERT",
    "timeout": "UV_HTTP_TIMEOUT",
    "default-timeout": "UV_HTTP_TIMEOUT",
}
FLAGS = {"no-index": "UV_NO_INDEX", "no-cache-dir": "UV_NO_CACHE"}
# Options that change nothing about what is installed from where.
HARMLESS = {
    "disable-pip-version-check",
    "progress-bar",
    "quiet",
    "verbose",
    "no-input",
    "no-color",
    "require-virtualenv",
    "root-user-action",
    "break-system-packages",
    "retries",
    "cache-dir",
}
# uv settings a user may keep: where (and whether) uv caches. Every other UV_* variable is
# dropped, so a stray UV_INDEX_URL cannot send uv somewhere pip does not go.
KEPT_UV_VARIABLES = {"UV_NO_CACHE", "UV_CACHE_DIR"}
# Later sections win, as in pip: an [install] value over [global], a PIP_* variable over both.
PRECEDENCE = {"global": 0, "install": 1, ":env:": 2}
LINE = re.compile(r"^(?P<section>[^.]+)\.(?P<key>[^=]+)=(?P<quote>['\"])(?P<value>.*)(?P=quote)$")


class Untranslatable(Exception):
    pass


def pip_options(python: str) -> dict[str, str]:
    """pip's effective options for `pip install` in this virtualenv."""
    output = subprocess.run(  # noqa: S603 - our own fixed argv
        [python, "-m", "pip", "config", "list"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found: dict[str, tuple[int, str]] = {}
    for line in output.splitlines():
        match = LINE.match(line.strip())
        if not match:
            raise Untranslatable(f"unreadable pip configuration line {line!r}")
        section, key = match["section"], match["key"]
        if section not in PRECEDENCE:
            continue  # another command's section ([download], [wheel], ...)
        rank = PRECEDENCE[section]
        if key not in found or found[key][0] <= rank:
            found[key] = (rank, match["value"])
    return {key: value for key, (_, value) in found.items()}


def _true(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def uv_environment(options: dict[str, str], environ: dict[str, str]) -> dict[str, str]:
    """The environment for uv that matches pip's `options`."""
    env = {k: v for k, v in environ.items() if not k.startswith("UV_") or k in KEPT_UV_VARIABLES}
    env["UV_NO_CONFIG"] = "1"  # ignore uv.toml and [tool.uv]: pip's sources only
    # pip takes the best match for a pin from every index at once; uv's default stops at the
    # first index that has the package.
    env["UV_INDEX_STRATEGY"] = "unsafe-best-match"
    for key, value in options.items():
        if key in HARMLESS:
            continue
        if key in SPACE_LISTS:
            env[SPACE_LISTS[key]] = " ".join(value.split())
        elif key in COMMA_LISTS:
            env[COMMA_LISTS[key]] = ",".join(value.split())
        elif key in VALUES:
            env[VALUES[key]] = value
        elif key == "proxy":
            env["HTTP_PROXY"] = env["HTTPS_PROXY"] = value
        elif key in FLAGS:
            if _true(value):
                env[FLAGS[key]] = "1"
        else:
            raise Untranslatable(f"pip option {key}={value!r} has no uv equivalent here")
    return env


def locked_uv_version(lock: str) -> str:
    with open(lock, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("uv=="):
                return line.strip()
    raise Untranslatable(f"{lock} pins no uv")


def install_with_uv(python: str, lock: str) -> None:
    env = uv_environment(pip_options(python), dict(os.environ))
    # Errors only: pip warns about every configured index that lacks uv, which is harmless.
    pip = [python, "-m", "pip", "install", "--quiet", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, locked_uv_version(lock)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603 - our own fixed argv
        [python, "-m", "uv", "pip", "install", "--quiet", "--python", python, "-r", lock],
        env=env,
        check=True,
    )


def compile_bytecode(python: str) -> None:
    """Write the bytecode of every installed module now, as pip does and uv does not (and
    uv's --compile-bytecode skips a virtualenv that is already complete). Where bytecode is
    not written at run time (PYTHONDONTWRITEBYTECODE, a read-only tree) every process
    otherwise compiled each module it imported: 2.3 s more per start, and a web worker's
    first cache read (redis-py) 17 MB more resident. Up-to-date files are skipped."""
    site = subprocess.run(  # noqa: S603 - our own fixed argv
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # -qq: a package may ship files that are not Python 3 (templates, old tests); skipped.
    subprocess.run([python, "-m", "compileall", "-qq", "-j", "0", site], check=False)  # noqa: S603


def install_with_pip(python: str, lock: str) -> None:
    pip = [python, "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)  # noqa: S603
    subprocess.run([*pip, "-r", lock], check=True)  # noqa: S603


def main(python: str, lock: str) -> int:
    try:
        install_with_uv(python, lock)
    except (Untranslatable, subprocess.CalledProcessError, OSError) as error:
        print(f"uv did not install {lock} ({error}); installing with pip.", file=sys.stderr)  # noqa: T201
        install_with_pip(python, lock)
    compile_bytecode(python)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
