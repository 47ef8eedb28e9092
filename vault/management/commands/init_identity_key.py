"""The key step of start-up: mint the identity key only for an empty database, and refuse a
key that does not open the stored data (see vault/custody.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from vault import custody
from vault.keyring import key_source, new_keyring, write_keyring_file
from vault.models import KeyCheck


class Command(BaseCommand):
    help = ("Create the identity key file (mode 0600) for an empty database, or check that the "
            "configured key opens the stored data. Run it before the server starts.")

    def handle(self, *args: Any, **options: Any) -> None:
        env_value, path = key_source()
        try:
            if env_value is None and not path.exists():
                self._mint(path)
            else:
                self._check()
        except custody.KeyCustodyError as exc:
            custody.record_key_event("refused_start", {"reason": exc.reason,
                                                       "expected": custody.expected_location()})
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            raise CommandError(f"cannot read the database to check the identity key ({exc}); "
                               "run 'manage.py migrate' first") from None

    def _check(self) -> None:
        keyring = custody.ensure_usable()
        self.stdout.write(f"Identity key {keyring.current} from {custody.expected_location()} "
                          "opens the stored data.")

    def _mint(self, path: Any) -> None:
        sealed = custody.sealed_row_count()
        checks = sorted(KeyCheck.objects.values_list("key_id", flat=True))
        if sealed or checks:
            sealed_with = f", and check values of key(s) {', '.join(checks)}" if checks else ""
            raise custody.KeyCustodyError(
                custody.State.MISSING,
                f"The identity key file {path} is missing, but the database holds {sealed} "
                f"rows of sealed data{sealed_with}. A new key would not open them, so none "
                f"was created. {custody.restore_advice()}")
        keyring = new_keyring()
        try:
            write_keyring_file(path, keyring)
        except OSError as exc:
            raise CommandError(f"cannot write identity key file {path}: {exc}") from None
        custody.record_check(keyring)
        custody.record_key_event("minted", {"key_id": keyring.current})
        self.stdout.write(self.style.SUCCESS(
            f"Created identity key file {path} (mode 0600). Put a copy in custody now "
            "(docs/deployment.md, 'Key custody'): without it no identity can be read."))
