"""A key file as a real install has it, jobs left for a worker, an administrator."""

import pytest

from vault import custody
from vault.keyring import parse_keyring, write_keyring_file


@pytest.fixture
def key_file(settings, tmp_path):
    """Move the test keyring from the variable into a key file, as a real install has it."""
    ring = parse_keyring(settings.NUCLEUS_IDENTITY_KEY, "test key")
    path = tmp_path / "identity.key"
    write_keyring_file(path, ring)
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = path
    # Its check value, as a started install has it (vault/custody.py): rotation starts from a
    # key known to open the data.
    custody.record_check(ring)
    return path


@pytest.fixture
def admin(world):
    from backups.tests.helpers import make_admin

    return make_admin(world)
