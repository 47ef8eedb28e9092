"""What a backup holds, and in which order: every model's rows and the data directory.

The plaintext is JSON lines. A ``{"t": "begin"}`` line (format, time, migrations), then per
model a ``{"t": "model"}`` line followed by one line per row (Django's serialized form: model,
pk, fields; database-independent), in dependency order; then each data file as a
``{"t": "file"}`` line and its bytes in base64 lines; last the ``{"t": "manifest"}`` line
with every model's row count and the SHA-256 of its row lines, and every file's size and
SHA-256. The identity key file is never read.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder

from vault.keyring import KeyringError, key_source, parse_keyring

# Rows the target database already holds after `migrate` (content types, permissions, the
# audit chain head at its start) or that depend on its key (check values): restore replaces
# them with the archive's.
REPLACED = frozenset({"contenttypes.contenttype", "auth.permission", "vault.keycheck",
                      "audit.auditchainhead"})
BLOB = 48 * 1024
FORMAT_NOTE = "Nucleus backup: JSON lines, see backups/contents.py"


class Encoder(DjangoJSONEncoder):
    """Times to the microsecond (DjangoJSONEncoder cuts them to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, cls=Encoder, ensure_ascii=False, sort_keys=True).encode() + b"\n"


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every model with a table of its own, parents before the models that point at them."""
    candidates = [m for m in apps.get_models()
                  if m._meta.managed and not m._meta.proxy and not m._meta.swapped]
    by_label = {label(m): m for m in candidates}
    ordered: list[type[models.Model]] = []
    visiting: set[str] = set()

    def visit(model: type[models.Model]) -> None:
        name = label(model)
        if model in ordered or name in visiting:  # a cycle: deferred constraints allow it
            return
        visiting.add(name)
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if isinstance(target, type) and target is not model \
                    and label(target) in by_label:
                visit(target)
        visiting.discard(name)
        ordered.append(model)

    for model in sorted(candidates, key=label):
        visit(model)
    return ordered


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def rows(model: type[models.Model], batch: int = 1000) -> Iterator[dict[str, Any]]:
    """The model's rows as Django serializes them, read in batches of primary keys."""
    from django.core import serializers

    serializer = serializers.get_serializer("python")()
    queryset = model._base_manager.order_by("pk")
    m2m = [f.name for f in model._meta.local_many_to_many]
    last: Any = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        objects = list(page.prefetch_related(*m2m)[:batch])
        if not objects:
            return
        yield from serializer.serialize(objects)
        last = objects[-1].pk


# --- the data directory ---

def _skipped_paths() -> set[Path]:
    """What never goes into an archive: the identity key (its temporary and lock files), the
    database files (their rows are in the archive), the collected static files, the backup
    jobs' archives."""
    _, key_path = key_source()
    skipped = {key_path, key_path.with_suffix(".tmp"),
               key_path.with_name(key_path.name + ".rotating"),  # vault/rotation.py's lock
               Path(settings.STATIC_ROOT), backup_dir()}
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = Path(str(database["NAME"]))
        skipped |= {name, *(name.with_name(name.name + s) for s in ("-wal", "-shm", "-journal"))}
    return {p.resolve() for p in skipped}


def backup_dir() -> Path:
    """Where backup jobs write their archives (``NUCLEUS_BACKUP_DIR``, else
    ``DATA_DIR/backups``): never inside an archive, or each would hold the ones before."""
    return Path(settings.NUCLEUS_BACKUP_DIR or Path(settings.DATA_DIR) / "backups")


def _holds_a_keyring(path: Path) -> bool:
    if path.stat().st_size > 1 << 16:
        return False
    try:
        parse_keyring(path.read_text(), str(path))
    except (KeyringError, UnicodeDecodeError):
        return False
    return True


def data_files(exclude: Iterable[Path] = ()) -> list[tuple[str, Path]]:
    """Regular files of the data directory (relative name, path), symbolic links not
    followed, without what ``_skipped_paths`` names."""
    root = Path(settings.DATA_DIR).resolve()
    skipped = _skipped_paths() | {Path(p).resolve() for p in exclude}
    found: list[tuple[str, Path]] = []
    if not root.is_dir():
        return found
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if path.resolve() in skipped or any(parent in skipped for parent in path.parents):
            continue
        if _holds_a_keyring(path):  # a copy of the identity key stays out too
            continue
        found.append((path.relative_to(root).as_posix(), path))
    return found
