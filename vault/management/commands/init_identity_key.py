from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vault.keyring import key_source, new_keyring, write_keyring_file


class Command(BaseCommand):
    help = "Create the identity key file (mode 0600) if it does not exist yet."

    def handle(self, *args: Any, **options: Any) -> None:
        env_value, path = key_source()
        if env_value is not None:
            self.stdout.write("Identity key comes from NUCLEUS_IDENTITY_KEY; no file needed.")
            return
        if path.exists():
            self.stdout.write(f"Identity key file {path} exists; left unchanged.")
            return
        try:
            write_keyring_file(path, new_keyring())
        except OSError as exc:
            raise CommandError(f"cannot write identity key file {path}: {exc}") from None
        self.stdout.write(self.style.SUCCESS(f"Created identity key file {path} (mode 0600)."))
