"""The data directory is 0700 and the SQLite database and secret key files 0600 from their
creation (issue #9: a world-readable database file gave away a token, then an identity)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

from nucleus.env import sqlite_options
from nucleus.files import (
    ensure_private_dir,
    ensure_private_file,
    is_file_database,
    write_private_text,
)

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The loosest umask a service might run with: files would be created 0666."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_it_creates_and_tightens_the_data_directory(tmp_path, open_umask):
    new = ensure_private_dir(tmp_path / "new" / "data")
    assert _mode(new) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    ensure_private_dir(loose)
    assert _mode(loose) == 0o700


def test_it_writes_a_new_secret_file_private(tmp_path, open_umask):
    write_private_text(tmp_path / "secret_key", "s" * 50)
    assert _mode(tmp_path / "secret_key") == 0o600


def test_it_creates_the_database_file_private_and_tightens_an_old_one(tmp_path, open_umask):
    new = tmp_path / "new.sqlite3"
    ensure_private_file(str(new))
    assert _mode(new) == 0o600
    old = tmp_path / "old.sqlite3"
    old.write_bytes(b"")
    old.chmod(0o644)
    (tmp_path / "old.sqlite3-wal").write_bytes(b"")
    (tmp_path / "old.sqlite3-wal").chmod(0o644)
    ensure_private_file(str(old))
    assert _mode(old) == 0o600 and _mode(tmp_path / "old.sqlite3-wal") == 0o600


def test_it_leaves_in_memory_databases_alone():
    assert not is_file_database(":memory:")
    assert not is_file_database("file:memorydb_default?mode=memory&cache=shared")
    assert is_file_database("/var/lib/nucleus/nucleus.sqlite3")


def test_it_makes_the_database_and_its_wal_private_on_connecting(tmp_path, open_umask,
                                                                 django_db_blocker):
    path = tmp_path / "nucleus.sqlite3"
    ensure_private_file(str(path))  # as settings do before the first connection
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path),
                               "OPTIONS": sqlite_options(5)}, alias="permissions")
    try:
        # Its own file, not the test database: pytest-django need not set that up.
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x INTEGER)")
            cursor.execute("INSERT INTO t VALUES (1)")
            journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        assert journal == "wal"
        assert _mode(path) == 0o600
        # SQLite gives its companions the database file's mode.
        assert _mode(Path(f"{path}-wal")) == 0o600 and _mode(Path(f"{path}-shm")) == 0o600
    finally:
        wrapper.close()


def test_it_keeps_the_data_private_at_a_start_with_the_default_database(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "DATABASE_OWNER_URL", "NUCLEUS_DB_APP_ROLE",
                          "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"NUCLEUS_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "nucleus.settings"})
    code = ("import os; os.umask(0o022); import django; django.setup(); "
            "from django.db import connection; connection.ensure_connection()")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _mode(data) == 0o700
    assert _mode(data / "nucleus.sqlite3") == 0o600
    assert _mode(data / "secret_key") == 0o600
