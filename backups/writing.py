"""manage.py backup: every model's rows and the data directory into an encrypted archive."""

from __future__ import annotations

import base64
import hashlib
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
            yield
    finally:
        if raw is not None:
            raw.isolation_level = previous


def write_backup(out: BinaryIO, passphrase: str, *, exclude: Iterable[Path] = (),
                 progress: Callable[[str, int], object] = lambda name, count: None
                 ) -> dict[str, Any]:
    """Write the archive to ``out``; the manifest it ends with is returned."""
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
    for name, path in data_files(exclude):
        manifest["files"][name] = _write_file(writer, name, path)
        progress(name, manifest["files"][name]["size"])
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
