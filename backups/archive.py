"""The encrypted archive container: a streamed, authenticated, compressed byte stream.

Layout: ``MAGIC``, a 4-byte header length, the header (JSON: format, key derivation and its
parameters), then chunks. Each chunk is a 4-byte length (top bit: last chunk) and an
AES-256-GCM ciphertext of up to ``CHUNK`` bytes of zlib-compressed plaintext. The nonce is
the chunk's number and the last-chunk flag, and every chunk authenticates the header, so a
chunk that is altered, dropped, reordered or cut off, or a changed header, fails to open.
The key is derived from the backup passphrase with scrypt and a random salt per archive,
which also makes every archive's key, and so its counter nonces, unique.
"""

from __future__ import annotations

import base64
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings

MAGIC = b"NUCLEUS-BACKUP\n"
FORMAT = 1
CHUNK = 1 << 20
_LAST = 1 << 31
# scrypt cost: about a second and 128 MiB per derivation, once per archive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 16


class ArchiveError(Exception):
    """The archive cannot be read: wrong passphrase, damaged, cut off or not an archive."""


@dataclass(frozen=True)
class Kdf:
    salt: bytes
    n: int
    r: int
    p: int

    def derive(self, passphrase: str) -> bytes:
        return Scrypt(salt=self.salt, length=32, n=self.n, r=self.r,
                      p=self.p).derive(passphrase.encode())


def load_passphrase(passphrase_file: str | None = None) -> str:
    """The backup passphrase: from ``passphrase_file``, NUCLEUS_BACKUP_PASSPHRASE or the file
    named by NUCLEUS_BACKUP_PASSPHRASE_FILE, in that order."""
    source = passphrase_file or settings.NUCLEUS_BACKUP_PASSPHRASE_FILE
    if passphrase_file is None and settings.NUCLEUS_BACKUP_PASSPHRASE is not None:
        value, name = settings.NUCLEUS_BACKUP_PASSPHRASE, "NUCLEUS_BACKUP_PASSPHRASE"
    elif source is not None:
        try:
            value, name = Path(source).read_text().rstrip("\r\n"), str(source)
        except OSError as exc:
            raise ArchiveError(f"cannot read the backup passphrase file {source}: {exc}") \
                from None
    else:
        raise ArchiveError("no backup passphrase: set NUCLEUS_BACKUP_PASSPHRASE_FILE (or "
                           "NUCLEUS_BACKUP_PASSPHRASE), or pass --passphrase-file")
    if len(value) < MIN_PASSPHRASE:
        raise ArchiveError(f"the backup passphrase from {name} is shorter than "
                           f"{MIN_PASSPHRASE} characters")
    return value


class Writer:
    """A write-only binary stream that compresses, seals and writes to ``out``."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        kdf = Kdf(os.urandom(16), SCRYPT_N, SCRYPT_R, SCRYPT_P)
        header = json.dumps({"format": FORMAT, "cipher": "AES-256-GCM", "kdf": "scrypt",
                             "salt": base64.b64encode(kdf.salt).decode(), "n": kdf.n,
                             "r": kdf.r, "p": kdf.p, "chunk": CHUNK}).encode()
        self._aad = MAGIC + len(header).to_bytes(4, "big") + header
        out.write(self._aad)
        self._out = out
        self._aead = AESGCM(kdf.derive(passphrase))
        self._zip = zlib.compressobj(6)
        self._pending = bytearray()
        self._index = 0

    def write(self, data: bytes) -> None:
        self._pending += self._zip.compress(data)
        while len(self._pending) > CHUNK:
            self._seal(bytes(self._pending[:CHUNK]), last=False)
            del self._pending[:CHUNK]

    def close(self) -> None:
        """Seal what is left as the last chunk; an archive without it reads as cut off."""
        self._pending += self._zip.flush()
        while len(self._pending) > CHUNK:
            self._seal(bytes(self._pending[:CHUNK]), last=False)
            del self._pending[:CHUNK]
        self._seal(bytes(self._pending), last=True)
        self._pending.clear()

    def _seal(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index, last), plain, self._aad)
        self._out.write((len(sealed) | (_LAST if last else 0)).to_bytes(4, "big") + sealed)
        self._index += 1


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read_exactly(source: BinaryIO, size: int, what: str) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise ArchiveError(f"the archive is cut off (in {what})")
    return data


def _header(source: BinaryIO) -> tuple[bytes, Kdf]:
    if source.read(len(MAGIC)) != MAGIC:
        raise ArchiveError("not a Nucleus backup archive")
    size = int.from_bytes(_read_exactly(source, 4, "the header"), "big")
    if size > 4096:
        raise ArchiveError("not a Nucleus backup archive (header too long)")
    raw = _read_exactly(source, size, "the header")
    try:
        header = json.loads(raw)
        if header["format"] != FORMAT or header["kdf"] != "scrypt":
            raise ArchiveError(f"unknown archive format {header['format']!r}")
        kdf = Kdf(base64.b64decode(header["salt"]), int(header["n"]), int(header["r"]),
                  int(header["p"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise ArchiveError(f"the archive header is damaged ({exc})") from None
    return MAGIC + size.to_bytes(4, "big") + raw, kdf


def plaintext(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    """The archive's decompressed plaintext, piece by piece, every piece authenticated."""
    aad, kdf = _header(source)
    aead = AESGCM(kdf.derive(passphrase))
    unzip = zlib.decompressobj()
    index = 0
    while True:
        word = int.from_bytes(_read_exactly(source, 4, f"chunk {index}"), "big")
        last, size = bool(word & _LAST), word & ~_LAST
        if size > CHUNK + 16:
            raise ArchiveError(f"the archive is damaged (chunk {index} too long)")
        sealed = _read_exactly(source, size, f"chunk {index}")
        try:
            plain = aead.decrypt(_nonce(index, last), sealed, aad)
        except InvalidTag:
            raise ArchiveError("the archive does not open: wrong backup passphrase, or the "
                               f"archive was altered (chunk {index})") from None
        yield unzip.decompress(plain)
        index += 1
        if last:
            break
    yield unzip.flush()
    if source.read(1):
        raise ArchiveError("the archive has data after its last chunk")


def lines(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    """The plaintext's lines, each with its newline."""
    rest = b""
    for piece in plaintext(source, passphrase):
        rest += piece
        *complete, rest = rest.split(b"\n")
        for line in complete:
            yield line + b"\n"
    if rest:
        raise ArchiveError("the archive's last record is incomplete")
