"""Reading a CSV upload as a stream of numbered records, with clear messages for bad input.

A contacts import reads its file twice (a checking pass, then a writing pass: see
``fieldwork.csv_io``) and never holds all of it: a source is CSV text (``str``), a path, or a
binary file object (rewound for the second pass; one that cannot seek is spooled to a
temporary file first). Lines are decoded one at a time, so a file that is not UTF-8 is
refused with the line and byte where it stops being text, and one holding binary data (a NUL
byte, a "line" longer than any CSV row) or broken quoting is refused as not CSV, with its line.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

Source = str | os.PathLike | IO[bytes]
# A longer line is no CSV row a person wrote: binary data without a newline (an image, an
# archive), which would otherwise be read whole into memory.
MAX_LINE_BYTES = 1 << 20
HEADER_ROW = 1


class SourceError(Exception):
    """The file cannot be read as CSV text; ``row`` is the line it stopped at."""

    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row, self.message = row, message


def _decoded(raw_lines: Iterator[bytes]) -> Iterator[str]:
    offset = 0
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) >= MAX_LINE_BYTES and not raw.endswith(b"\n"):
            raise SourceError(number, _("This is not a CSV file: line %(l)s is longer than "
                                        "1 MB.") % {"l": number})
        if b"\x00" in raw:  # before decoding: binary data is no text of any encoding
            raise _binary(number)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(number, _(
                "The file is not UTF-8 text (line %(l)s, byte %(b)s): save it as “CSV UTF-8”.")
                % {"l": number, "b": offset + exc.start + 1}) from None
        offset += len(raw)
        if number == 1:
            line = line.removeprefix("\ufeff")
        yield line


def _binary(number: int) -> SourceError:
    return SourceError(number, _("This is not a CSV file: line %(l)s holds binary data.")
                       % {"l": number})


def _checked(lines: Iterator[str]) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        if "\x00" in line:
            raise _binary(number)
        yield line


def _raw_lines(handle: IO[bytes]) -> Iterator[bytes]:
    while raw := handle.readline(MAX_LINE_BYTES):
        yield raw


class CsvSource:
    """A CSV file that can be read more than once; ``records()`` opens one pass."""

    def __init__(self, source: Source):
        self._text: str | None = None
        self._path: Path | None = None
        self._handle: IO[bytes] | None = None
        self._spool: IO[bytes] | None = None
        if isinstance(source, str):
            self._text = source
        elif isinstance(source, os.PathLike):
            self._path = Path(source)
        elif source.seekable():
            self._handle = source
            self._start = source.tell()
        else:  # a pipe or an upload stream: copied once to disk, read from there
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            shutil.copyfileobj(source, self._spool)
            self._handle, self._start = self._spool, 0

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()

    @contextmanager
    def _lines(self) -> Iterator[Iterator[str]]:
        if self._text is not None:
            yield _checked(iter(io.StringIO(self._text.removeprefix("\ufeff"))))
        elif self._path is not None:
            with self._path.open("rb") as handle:
                yield _checked(_decoded(_raw_lines(handle)))
        else:
            assert self._handle is not None
            self._handle.seek(self._start)
            yield _checked(_decoded(_raw_lines(self._handle)))

    @contextmanager
    def records(self) -> Iterator[tuple[list[str], Iterator[tuple[int, list[str]]]]]:
        """(header, the data records numbered from 2 as a spreadsheet shows them, blank lines
        skipped). Raises SourceError, also from the iterator, for a file that is not CSV."""
        with self._lines() as lines:
            reader = csv.reader(lines)
            header = [c.strip() for c in _next(reader, HEADER_ROW) or []]
            yield header, _numbered(reader)


def _next(reader: Iterator[list[str]], number: int) -> list[str] | None:
    try:
        return next(reader, None)
    except csv.Error as exc:
        raise SourceError(number, _("This is not a valid CSV file (row %(r)s: %(e)s).")
                          % {"r": number, "e": exc}) from None


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    number = HEADER_ROW
    while True:
        number += 1
        record = _next(reader, number)
        if record is None:
            return
        if any(cell.strip() for cell in record):
            yield number, record


def count_rows(source: Source) -> int:
    """Data rows in a CSV (for a progress bar's total); 0 when it is not readable CSV."""
    reader = CsvSource(source)
    try:
        with reader.records() as (_header, rows):
            return sum(1 for _row in rows)
    except SourceError:
        return 0
    finally:
        reader.close()
