"""Local state kept private to the account that runs Nucleus.

The data directory holds the SQLite database, the secret key and, by default, the identity
key: a copy of any of them is a copy of the members' data (issue #9: a copied database file
gave a token, the token an identity). So the directory is 0700 and the files in it 0600 from
the moment they are created (never written first and tightened after). SQLite would create
its database with the process umask (often 0644): settings create the file first, and
SQLite gives its -wal and -shm files the mode of the database file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ImproperlyConfigured

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create the directory 0700, or tighten an existing one that others may enter."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        try:
            path.chmod(DIR_MODE)
        except OSError as exc:
            raise ImproperlyConfigured(
                f"The data directory {path} is open to other accounts and cannot be made "
                f"private ({exc}); run chmod 700 on it as its owner.") from None
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write a new file that only its owner may read (mode 0600 from creation)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_private_bytes(path: Path, data: bytes) -> None:
    """``write_private_text`` for bytes (an upload kept for a job)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def open_private_text(path: Path) -> TextIO:
    """A file that only its owner may read, opened to write text (mode 0600 from creation):
    one already there is replaced, not written into (a job run again writes its file anew)."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def is_file_database(name: object) -> bool:
    """False for in-memory databases (the test database) and URIs (``file:...``), which
    name no plain file to protect."""
    text = str(name)
    return bool(text) and text != ":memory:" and not text.startswith("file:")


def ensure_private_file(path: str) -> None:
    """Create the (database) file 0600 if it is missing; tighten it, and its SQLite -wal and
    -shm companions, if others may read them."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm"):
        companion = path + suffix
        if os.path.exists(companion) and stat.S_IMODE(os.stat(companion).st_mode) & 0o077:
            os.chmod(companion, FILE_MODE)
