"""Shared set-up of the backup tests: a data directory, a key file in it, a passphrase."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vault.keyring import Keyring, parse_keyring, write_keyring_file

PASSPHRASE = "a backup passphrase for the tests"


@dataclass
class Install:
    data: Path
    key_file: Path
    keyring: Keyring


def install(settings, tmp_path: Path) -> Install:
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True)
    (data / "secret_key").write_text("s" * 50)
    (data / "uploads" / "leaflet.txt").write_bytes("A leaflet — اعلامیه\n".encode() * 5000)
    ring = parse_keyring(settings.NUCLEUS_IDENTITY_KEY, "test key")
    key_file = data / "identity.key"
    write_keyring_file(key_file, ring)
    # A copy of the key under another name stays out of archives too.
    write_keyring_file(data / "identity.key.old", ring)
    settings.DATA_DIR = data
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = key_file
    settings.NUCLEUS_BACKUP_PASSPHRASE = PASSPHRASE
    settings.NUCLEUS_BACKUP_PASSPHRASE_FILE = None
    return Install(data, key_file, ring)


def make_admin(world, name: str = "admin"):
    """The install's administrator (``is_superuser``), secretary of Red Party's top unit:
    who may start system work there (accounts/system_work.py)."""
    from access.actions import do_grant_role
    from accounts.models import User

    admin = User.objects.create_user(name, password="correct horse battery",
                                     is_superuser=True)
    do_grant_role(acting_user=None, user=admin, unit=world.units["rp_congress"],
                  kind="secretary", identity_access=True)
    return admin
