"""Rotate the identity key: new key, every encrypted row and blind index rewritten.

Order matters so that no crash loses data: (1) the key file gains the new key and makes it
current while keeping the old one; (2) all rows are re-encrypted in one transaction; (3) only
then is the old key dropped from the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, cast

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models.options import Options
from tqdm import tqdm

from vault.keyring import Keyring, get_keyring, key_source, write_keyring_file


class EncryptedModel(Protocol):
    """What the command uses of a model class that holds ciphertext."""

    objects: models.Manager[Any]
    _meta: Options[Any]

    def rekey_all(self, keyring: Keyring, progress: Callable[[int], object]) -> int: ...


def encrypted_models() -> list[EncryptedModel]:
    # Models holding ciphertext implement ``rekey_all(keyring, progress)``; the app registry
    # only knows them as plain models, so the cast states what hasattr checked.
    return [cast(EncryptedModel, m) for m in apps.get_models() if hasattr(m, "rekey_all")]


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
        old = get_keyring()
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
        except Exception:
            write_keyring_file(path, old)
            raise
        write_keyring_file(path, new.only_current())
        self.stdout.write(self.style.SUCCESS(
            f"Rotated to key {new.current}; re-encrypted {total} rows."))
