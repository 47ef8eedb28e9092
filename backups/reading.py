"""Reading an archive back: every line checked against the manifest it ends with.

``events`` yields what the archive holds in order; the manifest's counts and hashes are
compared with what was read before the manifest event is yielded, so a consumer that acts on
the rows (restore) has seen every problem by the time it would commit.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from backups import archive
from backups.archive import ArchiveError

BATCH = 500


@dataclass
class Begin:
    record: dict[str, Any]


@dataclass
class Rows:
    label: str
    rows: list[dict[str, Any]]


@dataclass
class FileStart:
    path: str
    mode: int


@dataclass
class FileData:
    path: str
    data: bytes


@dataclass
class Manifest:
    record: dict[str, Any]


Event = Begin | Rows | FileStart | FileData | Manifest


@dataclass
class _Tally:
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: dict[str, Any] = field(default_factory=dict)


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        record = json.loads(raw)
    except ValueError:
        raise ArchiveError("the archive holds a line that is not JSON") from None
    if not isinstance(record, dict):
        raise ArchiveError("the archive holds a line that is not a record")
    return record


def events(source: BinaryIO, passphrase: str) -> Iterator[Event]:
    lines = archive.lines(source, passphrase)
    first = _parse(next(lines, b"{}"))
    if first.get("t") != "begin":
        raise ArchiveError("the archive does not start with its begin record")
    yield Begin(first)
    tally = _Tally()
    model: str | None = None
    path: str | None = None
    batch: list[dict[str, Any]] = []
    for raw in lines:
        record = _parse(raw)
        kind = record.get("t")
        if kind is None:  # a row of the current model
            if model is None or record.get("model") != model:
                raise ArchiveError(f"a row of {record.get('model')!r} outside its section")
            tally.hashes[model].update(raw)
            tally.models[model]["count"] += 1
            batch.append(record)
            if len(batch) >= BATCH:
                yield Rows(model, batch)
                batch = []
            continue
        if batch and model is not None:
            yield Rows(model, batch)
            batch = []
        if kind == "model":
            model, path = str(record["label"]), None
            tally.models[model] = {"count": 0}
            tally.hashes[model] = hashlib.sha256()
        elif kind == "file":
            model, path = None, _safe_path(str(record["path"]))
            tally.files[path] = {"size": 0}
            tally.hashes["file:" + path] = hashlib.sha256()
            yield FileStart(path, int(record.get("mode", 0o600)) & 0o777)
        elif kind == "blob" and path is not None:
            data = base64.b64decode(record["b"])
            tally.hashes["file:" + path].update(data)
            tally.files[path]["size"] += len(data)
            yield FileData(path, data)
        elif kind == "manifest":
            _compare(record, tally)
            if next(lines, None) is not None:
                raise ArchiveError("the archive holds records after its manifest")
            yield Manifest(record)
            return
        else:
            raise ArchiveError(f"the archive holds an unknown record {kind!r}")
    raise ArchiveError("the archive has no manifest")


def _safe_path(path: str) -> str:
    parts = path.split("/")
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ArchiveError(f"the archive names a file outside the data directory: {path!r}")
    return path


def _compare(manifest: dict[str, Any], tally: _Tally) -> None:
    for name, seen in tally.models.items():
        seen["sha256"] = tally.hashes[name].hexdigest()
    for path, seen in tally.files.items():
        seen["sha256"] = tally.hashes["file:" + path].hexdigest()
    if manifest.get("models") != tally.models:
        wrong = _differences(manifest.get("models", {}), tally.models)
        raise ArchiveError(f"the archive's rows do not match its manifest: {', '.join(wrong)}")
    if manifest.get("files") != tally.files:
        wrong = _differences(manifest.get("files", {}), tally.files)
        raise ArchiveError(f"the archive's files do not match its manifest: {', '.join(wrong)}")


def _differences(expected: dict[str, Any], seen: dict[str, Any]) -> list[str]:
    return sorted(k for k in set(expected) | set(seen) if expected.get(k) != seen.get(k))


def verify(source: BinaryIO, passphrase: str) -> dict[str, Any]:
    """Read the whole archive without restoring anything; its manifest if it is intact."""
    for event in events(source, passphrase):
        if isinstance(event, Manifest):
            return event.record
    raise ArchiveError("the archive has no manifest")  # pragma: no cover (events raises)
