"""manage.py restore: an archive into an empty database, all or nothing.

The rows go in within one transaction; before it commits, the counts are compared with the
manifest, the sequences are moved past the restored ids, the identity key must open the
restored check values and a sample of identities must decrypt. The data directory's files
are written to a staging directory and moved into place only after the commit.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction

from backups.archive import ArchiveError
from backups.contents import REPLACED, applied_migrations, backed_up_models, label
from backups.reading import Begin, FileData, FileStart, Manifest, Rows, events
from vault import custody
from vault.keyring import Keyring, KeyringError, get_keyring

IDENTITY_SAMPLE = 50


class RestoreError(Exception):
    pass


def non_empty_models() -> dict[str, int]:
    from access import dbwall

    with dbwall.system_scope():
        counts = {label(m): m._base_manager.count() for m in backed_up_models()
                  if label(m) not in REPLACED}
    return {name: count for name, count in counts.items() if count}


def restore(source: BinaryIO, passphrase: str,
            progress: Callable[[str, int], object] = lambda name, count: None
            ) -> dict[str, Any]:
    """Restore the archive; its manifest when everything was restored and verified."""
    try:
        keyring = get_keyring()
    except KeyringError as exc:
        raise RestoreError(
            f"no identity key to check the archive with ({exc}): put the key that sealed the "
            f"archived data, from custody, at {custody.expected_location()} (mode 0600) before "
            "restoring; a new key would not open the archived identities") from None
    found = non_empty_models()
    if found:
        raise RestoreError(
            "the database is not empty (" + ", ".join(f"{n}: {c}" for n, c in sorted(found.items()))
            + "): restore only into a new, migrated database; nothing was changed")
    root = Path(settings.DATA_DIR)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    try:
        manifest = _restore_rows(source, passphrase, keyring, staging, progress)
        ContentType.objects.clear_cache()
        custody.forget_verdict()
        _move_into_place(staging, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _restore_rows(source: BinaryIO, passphrase: str, keyring: Keyring, staging: Path,
                  progress: Callable[[str, int], object]) -> dict[str, Any]:
    from access import dbwall

    by_label = {label(m): m for m in backed_up_models()}
    handle: Any = None
    with dbwall.system_scope(), transaction.atomic():
        for model_label in sorted(REPLACED):
            if model_label in by_label:
                by_label[model_label]._base_manager.all().delete()
        for event in events(source, passphrase):
            if isinstance(event, Begin):
                _check_migrations(event.record)
            elif isinstance(event, Rows):
                if event.label not in by_label:
                    raise RestoreError(f"this install has no model {event.label!r}")
                _insert(event.rows)
                progress(event.label, len(event.rows))
            elif isinstance(event, FileStart):
                if handle is not None:
                    handle.close()
                target = staging / event.path
                target.parent.mkdir(parents=True, exist_ok=True)
                handle = open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL,  # noqa: SIM115
                                      event.mode or 0o600), "wb")
            elif isinstance(event, FileData):
                handle.write(event.data)
            elif isinstance(event, Manifest):
                if handle is not None:
                    handle.close()
                _check_counts(event.record, by_label)
                _reset_sequences(list(by_label.values()))
                _check_identities(keyring)
                return event.record
    raise ArchiveError("the archive has no manifest")  # pragma: no cover (events raises)


def _check_migrations(begin: dict[str, Any]) -> None:
    archived = sorted(map(list, begin.get("migrations", [])))
    here = applied_migrations()
    if archived != here:
        missing = {tuple(m) for m in archived} - {tuple(m) for m in here}
        extra = {tuple(m) for m in here} - {tuple(m) for m in archived}
        raise RestoreError(
            "the archive was made by another version of Nucleus (migrations only in the "
            f"archive: {sorted(missing)[:5]}, only here: {sorted(extra)[:5]}); check out the "
            "version that made it, run 'manage.py migrate', then restore")


def _insert(rows: list[dict[str, Any]]) -> None:
    # Raw saves, as loaddata does: the archived values (versions, times) stay as they were;
    # foreign keys are checked at commit, so the order within the transaction is free.
    for obj in serializers.deserialize("python", rows):
        obj.save(force_insert=True)


def _check_counts(manifest: dict[str, Any], by_label: dict[str, type[models.Model]]) -> None:
    wrong = []
    for name, expected in manifest["models"].items():
        count = by_label[name]._base_manager.count()
        if count != expected["count"]:
            wrong.append(f"{name}: {count} instead of {expected['count']}")
    if wrong:
        raise RestoreError("the restored rows do not match the manifest: " + ", ".join(wrong))


def _reset_sequences(restored: list[type[models.Model]]) -> None:
    """Move every id sequence past the restored ids (PostgreSQL; SQLite follows by itself)."""
    with_through = list(restored)
    for model in restored:
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if isinstance(through, type) and through._meta.auto_created:
                with_through.append(through)
    statements = connection.ops.sequence_reset_sql(no_style(), with_through)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _check_identities(keyring: Keyring) -> None:
    verdict = custody.verify(keyring)
    if not verdict.usable:
        raise RestoreError(f"the identity key does not open the restored data: {verdict.detail}")
    Person = apps.get_model("people", "Person")
    sample = (Person._base_manager.exclude(identity_sealed="").select_related("unit__organization")
              .order_by("?")[:IDENTITY_SAMPLE])
    try:
        for person in sample:
            person.unseal_identity()
    except KeyringError as exc:
        raise RestoreError(f"a restored identity does not decrypt with the current key ({exc}). "
                           f"{custody.restore_advice()}") from None


def _move_into_place(staging: Path, root: Path) -> None:
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
