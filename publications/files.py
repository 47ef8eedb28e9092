"""An issue's file: a PDF or an image, told by its content, never by its name, and stored
without metadata that could identify or locate whoever made it.

* The type comes from the first bytes (``%PDF-``, JPEG, PNG, WebP); an image must then open
  and verify with Pillow. The size and the image's pixels are limited by settings
  (``NUCLEUS_ISSUE_FILE_MAX_BYTES``, ``NUCLEUS_ISSUE_IMAGE_MAX_PIXELS``).
* An image is re-encoded from its pixels alone (after turning it the way its EXIF says), so
  that nothing of the upload's metadata — EXIF with GPS positions and camera serials, XMP,
  comments, ICC profiles — reaches the stored file.
* No maintained PDF library is part of the project, and rewriting a PDF by hand is how
  files get damaged; so a PDF is stored exactly as uploaded, and only when it carries no
  metadata: no document information dictionary (author, creator, producer, dates), no XMP
  stream, not encrypted. Compressed object streams (where such a dictionary may hide) are
  inflated and searched too; one that cannot be read is refused. The message says how to
  export the PDF without its properties.

Files live in ``DATA_DIR/uploads/issues/`` (private like the database, in the backups), named
by the SHA-256 of the stored bytes: the same file uploaded twice is stored once, and a file
left by a transaction that was rolled back is the very file the next try writes.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nucleus.files import DIR_MODE, FILE_MODE

PDF, JPEG, PNG, WEBP = "application/pdf", "image/jpeg", "image/png", "image/webp"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", WEBP: "webp"}
_PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
# Keys that only a document information dictionary or XMP metadata carries.
_PDF_METADATA = re.compile(rb"/(Info|Metadata|Author|Creator|Producer|CreationDate|ModDate|"
                           rb"Keywords|Subject)(?![A-Za-z0-9])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    content_type: str
    size: int
    content: bytes


def sniff(head: bytes) -> str | None:
    """The type the content says it is, from its first bytes."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def prepare(data: bytes) -> StoredFile:
    """Check an upload and return what is to be stored, or raise ValidationError (nothing is
    written here)."""
    limit = settings.NUCLEUS_ISSUE_FILE_MAX_BYTES
    if len(data) > limit:
        raise ValidationError(_("The file is larger than %(limit)s.") % {
            "limit": filesizeformat(limit)}, code="too_large")
    kind = sniff(data[:16])
    if kind is None:
        raise ValidationError(_("Only a PDF or an image (JPEG, PNG, WebP) can be attached."),
                              code="file_type")
    content = check_pdf(data) if kind == PDF else reencode_image(data, kind)
    return StoredFile(sha256=hashlib.sha256(content).hexdigest(), content_type=kind,
                      size=len(content), content=content)


# --- images ---

def reencode_image(data: bytes, kind: str) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    broken = ValidationError(_("The image cannot be read."), code="broken_image")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != _PILLOW_FORMATS[kind]:
                raise broken
            _check_pixels(probe.size)
            probe.verify()  # structure and checksums, without decoding the pixels
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            return _pixels_only(upright, kind)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise broken from None


def _check_pixels(size: tuple[int, int]) -> None:
    if size[0] * size[1] > settings.NUCLEUS_ISSUE_IMAGE_MAX_PIXELS:
        raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")


def _pixels_only(image, kind: str) -> bytes:
    """A new image made of the pixels alone: no info dictionary, EXIF, XMP or ICC profile
    is carried over from the upload."""
    from PIL import Image

    mode = image.mode
    if kind == JPEG and mode not in ("L", "RGB", "CMYK"):
        mode = "RGB"
    elif mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        mode = "RGBA" if "A" in image.getbands() else "RGB"
    source = image.convert(mode) if mode != image.mode else image
    clean = Image.new(source.mode, source.size)
    clean.paste(source)
    if source.mode == "P":
        clean.putpalette(source.getpalette() or [])
    out = io.BytesIO()
    options = {"quality": 90} if kind in (JPEG, WEBP) else {"optimize": True}
    clean.save(out, format=_PILLOW_FORMATS[kind], **options)
    return out.getvalue()


# --- PDFs ---

def check_pdf(data: bytes) -> bytes:
    """The PDF unchanged, when it carries no metadata; else ValidationError."""
    if b"%%EOF" not in data[-1024:]:
        raise ValidationError(_("The PDF is incomplete."), code="broken_pdf")
    texts = [_unescaped(data)]
    for stream in _object_streams(data):
        texts.append(_unescaped(stream))
    if any(b"/Encrypt" in text for text in texts):
        raise ValidationError(_("An encrypted PDF cannot be checked: save it without a "
                                "password."), code="pdf_encrypted")
    if any(_PDF_METADATA.search(text) for text in texts):
        raise ValidationError(_(
            "The PDF carries metadata (author, software, dates) that Nucleus does not "
            "remove. Export it again without document properties, or attach the pages as "
            "images."), code="pdf_metadata")
    return data


def _unescaped(text: bytes) -> bytes:
    # A name may spell its letters as #xx (/Auth#6fr is /Author).
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text)


def _object_streams(data: bytes) -> list[bytes]:
    """The inflated content of every object stream (/Type /ObjStm), where dictionaries
    of the document may be stored compressed."""
    found = []
    for match in _PDF_STREAM.finditer(data):
        start = data.rfind(b"obj", 0, match.start())
        head = _unescaped(data[start:match.start()])
        if b"/ObjStm" not in head:
            continue
        end = data.find(b"endstream", match.end())
        if end < 0 or not re.search(rb"/Filter\s*\[?\s*/FlateDecode\s*\]?", head):
            raise ValidationError(_("The PDF cannot be checked for metadata."),
                                  code="pdf_unreadable")
        found.append(_inflate(data[match.end():end]))
    return found


def _inflate(raw: bytes) -> bytes:
    limit = settings.NUCLEUS_ISSUE_FILE_MAX_BYTES * 4  # no zip bomb
    try:
        inflater = zlib.decompressobj()
        out = inflater.decompress(raw, limit)
    except zlib.error:
        raise ValidationError(_("The PDF cannot be checked for metadata."),
                              code="pdf_unreadable") from None
    if inflater.unconsumed_tail:
        raise ValidationError(_("The PDF cannot be checked for metadata."),
                              code="pdf_unreadable")
    return out


# --- storage ---

def root() -> Path:
    return Path(settings.DATA_DIR) / "uploads" / "issues"


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
        with open(partial, "wb", opener=lambda p, flags: _private(p, flags)) as handle:
            handle.write(stored.content)
        partial.replace(path)
    return path


def _private(path: str, flags: int) -> int:
    import os

    return os.open(path, flags, FILE_MODE)


def read(sha256: str, content_type: str) -> bytes:
    return path_of(sha256, content_type).read_bytes()
