"""Backup and restore of a whole site: the database (native tools: SQLite's backup API,
pg_dump/pg_restore) and every media file (through the storage API, so local disk and S3
work alike). One .tar.gz holds both."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone
from tqdm import tqdm

FORMAT_VERSION = 1


def _database() -> dict:
    return settings.DATABASES["default"]


def _engine() -> str:
    engine = _database()["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise ValueError(f"backup supports SQLite and PostgreSQL, not {engine}")


def _pg_env() -> dict:
    db = _database()
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = _database()
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _walk(storage, path: str = "") -> Iterator[str]:
    directories, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from _walk(storage, f"{path}/{directory}" if path else directory)


def media_names() -> list[str]:
    try:
        return sorted(_walk(default_storage))
    except FileNotFoundError:
        return []


def backup_create(*, destination: Path, progress: bool = False) -> dict:
    """Write the database and all media to ``destination`` (.tar.gz). Returns a manifest.

    Side effects: reads the whole database and media storage; writes one file."""
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="masthead-backup-") as tmp:
        db_file = Path(tmp) / "database"
        if engine == "sqlite":
            source = sqlite3.connect(_database()["NAME"])
            target = sqlite3.connect(db_file)
            with target:
                source.backup(target)  # a consistent copy even while the site writes
            source.close()
            target.close()
        else:
            subprocess.run(  # noqa: S603 - fixed argv, settings-derived values
                ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", db_file]
                + _pg_args(),
                check=True,
                env=_pg_env(),
            )
        names = media_names()
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": engine,
            "media": names,
        }
        destination.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(destination, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_file, arcname="database")
            for name in tqdm(names, desc="media", unit="file", disable=not progress):
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
    return manifest


def _safe_member(name: str) -> bool:
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts


def backup_restore(*, source: Path, progress: bool = False) -> dict:
    """Replace the database and media with those in the backup ``source``.

    Side effects: the current database content is replaced (SQLite file swapped,
    PostgreSQL objects dropped and recreated); media files in the backup are written over
    those with the same names; the page cache is invalidated."""
    engine = _engine()
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"unknown backup format {manifest.get('format')!r}")
        if manifest["database"] != engine:
            raise ValueError(
                f"this backup holds a {manifest['database']} database; the site uses {engine}"
            )
        with tempfile.TemporaryDirectory(prefix="masthead-restore-") as tmp:
            db_file = Path(tmp) / "database"
            with archive.extractfile("database") as handle, db_file.open("wb") as out:
                shutil.copyfileobj(handle, out)
            connections.close_all()
            if engine == "sqlite":
                target = sqlite3.connect(_database()["NAME"])
                source_db = sqlite3.connect(db_file)
                with target:
                    source_db.backup(target)
                source_db.close()
                target.close()
            else:
                subprocess.run(  # noqa: S603 - fixed argv, settings-derived values
                    ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl"]
                    + ["--single-transaction", *_pg_args(), str(db_file)],
                    check=True,
                    env=_pg_env(),
                )
        members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
        for member in tqdm(members, desc="media", unit="file", disable=not progress):
            name = member.name.removeprefix("media/")
            if not _safe_member(name):
                continue
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(archive.extractfile(member).read()))
    from masthead.caching.pages import clear

    clear()  # every cached page, fragment and kept copy came from the old database
    return manifest
