"""Rotate the identity key: new key, every encrypted row and blind index rewritten.

Order matters so that no crash loses data: (1) the key file gains the new key and makes it
current while keeping the old one; (2) all rows are re-encrypted in one transaction; (3) only
then is the old key dropped from the file.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from vault import custody
from vault.custody import encrypted_models
from vault.keyring import key_source, write_keyring_file
from vault.models import KeyCheck


class Command(BaseCommand):
    help = "Rotate the identity key and re-encrypt every encrypted row and blind index."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        env_value, path = key_source()
        if env_value is not None:
            raise CommandError("the identity key comes from NUCLEUS_IDENTITY_KEY: rotation "
                               "rewrites the key file, so unset the variable and use "
                               "NUCLEUS_IDENTITY_KEY_FILE")
        try:
            # Rotating from a key that does not open the data would seal garbage for good.
            old = custody.ensure_usable()
        except custody.KeyCustodyError as exc:
            raise CommandError(str(exc)) from None
        new = old.with_new_key()
        write_keyring_file(path, new)
        total = 0
        try:
            with transaction.atomic():
                for model in encrypted_models():
                    count = model.objects.count()
                    bar = tqdm(total=count, desc=model._meta.label, unit="row",
                               disable=options["no_progress"] or not count, file=self.stderr)
                    total += model.rekey_all(new, bar.update)
                    bar.close()
                # The new key's check value, in the same transaction as the rows it sealed;
                # the old key leaves the file below, so its check value goes too.
                custody.record_check(new)
                KeyCheck.objects.exclude(key_id=new.current).delete()
                custody.record_key_event("rotated", {
                    "old_key_id": old.current, "new_key_id": new.current, "rows": total})
        except Exception:
            write_keyring_file(path, old)
            raise
        write_keyring_file(path, new.only_current())
        self.stdout.write(self.style.SUCCESS(
            f"Rotated to key {new.current}; re-encrypted {total} rows."))
