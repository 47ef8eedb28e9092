"""What an import's check remembers of the rows before: compact keys on disk, not rows.

Two rows of one file naming the same person (alias, phone or email blind index, or the person
on file they match) are refused with the earlier row's number (``fieldwork.csv_io``). A
million rows give three million such keys: a Python dict of them would take hundreds of
megabytes, so they go to a private temporary SQLite database (``sqlite3.connect("")``: on
disk, deleted when closed, a small page cache), looked up a batch at a time. It also keeps
what the checking pass decided for each row that updates a person on file, so that the
writing pass can tell when the database changed in between, and each checked row's digest and
blind indexes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

# SQLite's own default limit of variables per statement is 999 (older builds) to 32766.
_CHUNK = 900


class SeenKeys:
    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, row INTEGER) WITHOUT ROWID")
        self._db.execute("CREATE TABLE decided (row INTEGER PRIMARY KEY, person INTEGER)")
        self._db.execute("CREATE TABLE checked (row INTEGER PRIMARY KEY, digest BLOB, "
                         "phone TEXT, email TEXT)")

    def close(self) -> None:
        self._db.close()

    def earlier(self, keys: Iterable[str]) -> dict[str, int]:
        """Of these keys, those an earlier batch had: key → its row number."""
        wanted = list(set(keys))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(
                f"SELECT key, row FROM seen WHERE key IN ({marks})", chunk))  # noqa: S608
        return found

    def add(self, keys: dict[str, int]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", keys.items())

    def decide(self, decisions: Iterable[tuple[int, int]]) -> None:
        """(row number, person id) of rows that update a person on file."""
        self._db.executemany("INSERT OR REPLACE INTO decided VALUES (?, ?)", decisions)

    def decided(self, first: int, last: int) -> dict[int, int]:
        return dict(self._db.execute("SELECT row, person FROM decided WHERE row BETWEEN ? AND ?",
                                     (first, last)))

    def remember(self, rows: Iterable[tuple[int, bytes, str, str]]) -> None:
        """(row number, digest of its record, phone index, email index) of checked rows: the
        writing pass takes a record with the same digest as checked, without parsing its
        phone and computing its indexes again (the phone parser's cache holds a few
        thousand numbers, not a million)."""
        self._db.executemany("INSERT OR REPLACE INTO checked VALUES (?, ?, ?, ?)", rows)

    def checked(self, first: int, last: int) -> dict[int, tuple[bytes, str, str]]:
        return {row: (digest, phone, email) for row, digest, phone, email in self._db.execute(
            "SELECT row, digest, phone, email FROM checked WHERE row BETWEEN ? AND ?",
            (first, last))}
