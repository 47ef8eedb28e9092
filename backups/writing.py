"""manage.py backup: every model's rows and the data directory into an encrypted archive."""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from django.db import connection, transaction
from django.utils import timezone

from backups import archive
from backups.contents import (
    BLOB,
    FORMAT_NOTE,
    applied_migrations,
    backed_up_models,
    data_files,
    label,
    line,
    rows,
)

_snapshot = threading.local()


def in_snapshot() -> bool:
    """Inside ``consistent_snapshot``: a write now (a job's progress) would hold its row
    locked until the snapshot ends (PostgreSQL), or wait for it (SQLite)."""
    return bool(getattr(_snapshot, "open", False))


@contextmanager
def consistent_snapshot() -> Iterator[None]:
    """One transaction that sees one state of every table while others keep writing."""
    from access import dbwall

    raw = None
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        import psycopg

        connection.ensure_connection()
        raw = connection.connection
        previous = raw.isolation_level
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    try:
        # Every row, whatever the database wall would show a request (access/dbwall.py).
        with dbwall.system_scope(), transaction.atomic():
            _snapshot.open = True
            yield
    finally:
        _snapshot.open = False
        if raw is not None:
            raw.isolation_level = previous


class BackupStopped(Exception):  # noqa: N818 (asked to stop, not an error)
    """``should_stop()`` said so between two models or files: the archive is incomplete."""


def archive_steps(exclude: Iterable[Path] = ()) -> int:
    """How many times ``write_backup`` calls ``progress``: once per model and data file."""
    return len(backed_up_models()) + len(data_files(exclude))


def write_archive(path: Path, passphrase: str, *,
                  progress: Callable[[str, int], object] = lambda name, count: None,
                  should_stop: Callable[[], bool] = lambda: False) -> dict[str, Any]:
    """A new archive at ``path`` (mode 0600), written under ``path.partial`` and renamed
    only when complete: a failure or a stop removes the partial file, and an existing
    archive is never overwritten (``FileExistsError``)."""
    if path.exists():
        raise FileExistsError(f"{path} exists; choose a new name (archives are never "
                              "overwritten)")
    partial = partial_path(path)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            manifest = write_backup(out, passphrase, exclude=[partial, path],
                                    progress=progress, should_stop=should_stop)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def write_backup(out: BinaryIO, passphrase: str, *, exclude: Iterable[Path] = (),
                 progress: Callable[[str, int], object] = lambda name, count: None,
                 should_stop: Callable[[], bool] = lambda: False) -> dict[str, Any]:
    """Write the archive to ``out``; the manifest it ends with is returned. ``should_stop``
    is asked after each model and data file (``BackupStopped``)."""
    writer = archive.Writer(out, passphrase)
    manifest: dict[str, Any] = {"t": "manifest", "models": {}, "files": {}}
    with consistent_snapshot():
        writer.write(line({"t": "begin", "note": FORMAT_NOTE, "vendor": connection.vendor,
                           "created_at": timezone.now(), "migrations": applied_migrations()}))
        for model in backed_up_models():
            name = label(model)
            writer.write(line({"t": "model", "label": name}))
            digest, count = hashlib.sha256(), 0
            for row in rows(model):
                data = line(row)
                digest.update(data)
                writer.write(data)
                count += 1
            manifest["models"][name] = {"count": count, "sha256": digest.hexdigest()}
            progress(name, count)
            if should_stop():
                raise BackupStopped
    for name, path in data_files(exclude):
        manifest["files"][name] = _write_file(writer, name, path)
        progress(name, manifest["files"][name]["size"])
        if should_stop():
            raise BackupStopped
    writer.write(line(manifest))
    writer.close()
    return manifest


def _write_file(writer: archive.Writer, name: str, path: Path) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    writer.write(line({"t": "file", "path": name, "mode": path.stat().st_mode & 0o777}))
    with path.open("rb") as handle:
        while block := handle.read(BLOB):
            digest.update(block)
            size += len(block)
            writer.write(line({"t": "blob", "b": base64.b64encode(block).decode()}))
    return {"size": size, "sha256": digest.hexdigest()}
