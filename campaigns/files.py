"""A material's file: told by its content, never by its name, and stored without metadata.

* PDF and images (JPEG, PNG, WebP) are checked by ``publications/files.py`` (imported, not
  copied): an image is re-encoded from its pixels alone, a PDF with metadata is refused.
* Songs: MP3 (an ID3 tag or an MPEG audio frame) and Ogg (Vorbis or Opus). An MP3's ID3 tags
  (which may name who recorded it, and where) are cut off, the audio frames kept as they are.
  An Ogg file is stored as uploaded: its comment header is not rewritten (no library for it
  here), which the form says.
* Text (slogans, statements): UTF-8 without control characters.
* Anything else is refused with the list of what is accepted; so is a file over
  ``NUCLEUS_MATERIAL_MAX_BYTES``.

Files live in ``DATA_DIR/uploads/campaigns/`` (private, in the backups), named by the SHA-256
of the stored bytes, as publications does.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nucleus.files import DIR_MODE, FILE_MODE
from publications import files as issue_files
from publications.files import StoredFile

MP3, OGG, OPUS, TEXT = "audio/mpeg", "audio/ogg", "audio/opus", "text/plain"
EXTENSIONS = {**issue_files.EXTENSIONS, MP3: "mp3", OGG: "ogg", OPUS: "opus", TEXT: "txt"}
# MPEG audio frame sync: eleven set bits, then a version and layer that exist (layer III).
_MP3_FRAME = re.compile(rb"\xff[\xfb\xf3\xf2\xfa]")
# Text may hold tabs, line and page breaks; other control characters mean it is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff(head: bytes) -> str | None:
    """The type the content says it is, from its first bytes (None: not one we take)."""
    kind = issue_files.sniff(head[:16])
    if kind is not None:
        return kind
    if head.startswith(b"ID3") or _MP3_FRAME.match(head[:2]):
        return MP3
    if head.startswith(b"OggS"):
        return OPUS if b"OpusHead" in head[:64] else OGG
    return None


def prepare(data: bytes) -> StoredFile:
    """Check an upload and return what is to be stored, or raise ValidationError."""
    limit = settings.NUCLEUS_MATERIAL_MAX_BYTES
    if len(data) > limit:
        raise ValidationError(_("The file is larger than %(limit)s.") % {
            "limit": filesizeformat(limit)}, code="too_large")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(data[:64])
    if kind == issue_files.PDF:
        content = issue_files.check_pdf(data)
    elif kind in (issue_files.JPEG, issue_files.PNG, issue_files.WEBP):
        content = issue_files.reencode_image(data, kind)
    elif kind == MP3:
        content = strip_id3(data)
    elif kind in (OGG, OPUS):
        content = data
    elif is_text(data):
        kind, content = TEXT, data
    else:
        raise ValidationError(_(
            "This kind of file cannot be added. Accepted: PDF, images (JPEG, PNG, WebP), "
            "songs (MP3, Ogg, Opus) and plain text in UTF-8."), code="file_type")
    return StoredFile(sha256=hashlib.sha256(content).hexdigest(), content_type=kind,
                      size=len(content), content=content)


def is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not _CONTROL.search(text)


def strip_id3(data: bytes) -> bytes:
    """The MP3 without its ID3v2 tags at the start and its ID3v1 tag at the end."""
    while data.startswith(b"ID3") and len(data) >= 10:
        size_bytes = data[6:10]
        if any(b & 0x80 for b in size_bytes):  # a syncsafe size has the top bits clear
            raise ValidationError(_("The song's tags cannot be read."), code="broken_audio")
        size = 0
        for b in size_bytes:
            size = (size << 7) | b
        footer = 10 if data[5] & 0x10 else 0
        data = data[10 + size + footer:]
    if len(data) >= 128 and data[-128:-125] == b"TAG":
        data = data[:-128]
    if not _MP3_FRAME.match(data[:2]):
        raise ValidationError(_("The song's tags cannot be read."), code="broken_audio")
    return data


# --- storage ---

def root() -> Path:
    return Path(settings.DATA_DIR) / "uploads" / "campaigns"


def path_of(sha256: str, content_type: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("not a SHA-256")
    return root() / f"{sha256}.{EXTENSIONS[content_type]}"


def store(stored: StoredFile) -> Path:
    """Write the file (0600 in a 0700 directory) unless it is there already."""
    folder = root()
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    path = path_of(stored.sha256, stored.content_type)
    if not path.exists():
        partial = path.with_suffix(".part")
        with open(partial, "wb",
                  opener=lambda p, flags: os.open(p, flags, FILE_MODE)) as handle:
            handle.write(stored.content)
        partial.replace(path)
    return path


def read(sha256: str, content_type: str) -> bytes:
    return path_of(sha256, content_type).read_bytes()


def download_name(title: str, content_type: str) -> str:
    """An ASCII file name from the title (the header cannot carry every script)."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60] or "material"
    return f"{stem}.{EXTENSIONS[content_type]}"
