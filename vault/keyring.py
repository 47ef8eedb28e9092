"""The identity keyring: keys kept outside the database.

Format (file or NUCLEUS_IDENTITY_KEY): JSON ``{"current": "<id>", "keys": {"<id>": "<base64>"}}``
of 32-byte keys. Key ids are random so that a wrong or re-created key file fails loudly
("key id not in keyring") instead of silently decrypting garbage.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class KeyringError(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class Keyring:
    current: str
    keys: dict[str, bytes]

    @property
    def current_key(self) -> bytes:
        return self.keys[self.current]

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            raise KeyringError(f"identity key {key_id!r} is not in the keyring; was the key "
                               "file replaced?") from None

    def to_json(self) -> str:
        return json.dumps({"current": self.current,
                           "keys": {k: base64.b64encode(v).decode() for k, v in self.keys.items()}},
                          indent=1)

    def with_new_key(self) -> Keyring:
        key_id = secrets.token_hex(4)
        return Keyring(current=key_id, keys={**self.keys, key_id: secrets.token_bytes(32)})

    def only_current(self) -> Keyring:
        return Keyring(current=self.current, keys={self.current: self.current_key})


def new_keyring() -> Keyring:
    return Keyring(current="", keys={}).with_new_key()


def parse_keyring(raw: str, source: str) -> Keyring:
    try:
        data = json.loads(raw)
        keys = {str(k): base64.b64decode(v, validate=True) for k, v in data["keys"].items()}
        current = str(data["current"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyringError(f"{source} is not a valid identity keyring ({exc})") from None
    if current not in keys:
        raise KeyringError(f"{source}: the current key {current!r} is missing from its keys")
    if any(len(v) != 32 for v in keys.values()):
        raise KeyringError(f"{source}: every key must be 32 bytes")
    return Keyring(current=current, keys=keys)


_cache: dict[tuple[str | None, str, tuple[int, int, int] | None], Keyring] = {}


def key_source() -> tuple[str | None, Path]:
    return settings.NUCLEUS_IDENTITY_KEY, Path(settings.NUCLEUS_IDENTITY_KEY_FILE)


def get_keyring() -> Keyring:
    env_value, path = key_source()
    cache_key = (env_value, str(path), _mtime(path) if env_value is None else None)
    if cache_key not in _cache:
        _cache.clear()
        if env_value is not None:
            _cache[cache_key] = parse_keyring(env_value, "NUCLEUS_IDENTITY_KEY")
        elif path.exists():
            _cache[cache_key] = parse_keyring(path.read_text(), str(path))
        else:
            raise KeyringError(f"identity key file {path} is missing: run "
                               "'manage.py init_identity_key' (or set NUCLEUS_IDENTITY_KEY)")
    return _cache[cache_key]


def _mtime(path: Path) -> tuple[int, int, int] | None:
    # Size and inode too: the atomic replace gives a new inode even when a coarse clock
    # gives two writes the same modification time.
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def write_keyring_file(path: Path, keyring: Keyring) -> None:
    """Write atomically with mode 0600: a crash never leaves a half-written key file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(keyring.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    os.chmod(path, 0o600)
