"""Photos and videos of a member report, made safe before anything is stored.

A report's photos and videos travel from an organization to its coalition's office and, once
published, to anyone. What a phone writes into them locates and identifies whoever took them,
and the faces in them identify whoever stood there. So, before anything is written:

* The type comes from the content (the first bytes, then Pillow or ffprobe), never the name.
* A photo is re-encoded from its pixels alone by ``publications.files.reencode_image``
  (EXIF with GPS, device and time, XMP, ICC profiles and comments are not carried over; the
  pixel limit is ``NUCLEUS_ISSUE_IMAGE_MAX_PIXELS``). Then the faces that OpenCV's bundled
  Haar cascade finds are blurred beyond recognition (pixelated, then blurred, with a margin)
  in the file that is shown. When a face was found, the unblurred re-encoded pixels are
  returned apart (``held``): the caller keeps them in a private file only until the office
  decides (keep the face, an audited choice; or blur, and the held file is deleted).
* A video's container is rewritten by ffmpeg without its metadata, chapters, data streams
  (GPS tracks), attached pictures and H.264/HEVC SEI units (encoder strings), and the
  result is read back with ffprobe: a tag other than the muxer's own structural ones
  refuses the video. No ffmpeg on the machine refuses every video.
* Sizes are limited per file and per report (``NUCLEUS_REPORT_FILE_MAX_BYTES``,
  ``NUCLEUS_REPORT_MAX_BYTES``, ``NUCLEUS_REPORT_MAX_FILES``).

Every refusal is a ValidationError with a message for the sender; nothing here writes to the
database, and the files are written only by ``store``. Sending a report checks the limits and
``check_type`` at once; ``process`` runs in the report's job (``memberreports/tasks.py``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess  # noqa: S404 - ffmpeg and ffprobe, with fixed arguments and no shell
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nucleus.files import DIR_MODE, FILE_MODE
from publications import files as publication_files

if TYPE_CHECKING:
    from PIL.Image import Image

PHOTO, VIDEO = "photo", "video"
MP4, WEBM = "video/mp4", "video/webm"
EXTENSIONS = {**publication_files.EXTENSIONS, MP4: "mp4", WEBM: "webm"}
# The muxer writes these itself from the container's structure, with these values; they
# say nothing about the camera, the place or the time. Any other tag refuses the video.
_STRUCTURAL_TAGS = {
    "major_brand": None, "minor_version": None, "compatible_brands": None,  # MP4's ftyp box
    "language": {"und"}, "handler_name": {"VideoHandler", "SoundHandler"},
    "vendor_id": {"[0][0][0][0]"}, "DURATION": None, "encoder": {"Lavf"},
}
_FFMPEG_SECONDS = 120
FACE_MARGIN = 0.25  # of the face box on each side: hair, ears and chin identify too


@dataclass(frozen=True)
class Processed:
    """What is to be stored for one upload."""

    kind: str  # PHOTO or VIDEO
    content_type: str
    content: bytes  # the file shown: no metadata, faces blurred
    faces: int  # faces found and blurred in ``content``
    held: bytes | None  # the photo without metadata but with its faces, when faces > 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


# --- types and limits ---

def sniff(head: bytes) -> str | None:
    """The type the content says it is: an image Pillow re-encodes, MP4/QuickTime or WebM."""
    image = publication_files.sniff(head)
    if image in (publication_files.JPEG, publication_files.PNG, publication_files.WEBP):
        return image
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM
    return None


def check_limits(sizes: Sequence[int]) -> None:
    """Refuse a report whose files are too many or too large, before any is processed."""
    if len(sizes) > settings.NUCLEUS_REPORT_MAX_FILES:
        raise ValidationError(_("A report can hold at most %(count)d files.") % {
            "count": settings.NUCLEUS_REPORT_MAX_FILES}, code="too_many_files")
    file_limit = settings.NUCLEUS_REPORT_FILE_MAX_BYTES
    if any(size > file_limit for size in sizes):
        raise ValidationError(_("Each file can be at most %(limit)s.") % {
            "limit": filesizeformat(file_limit)}, code="file_too_large")
    if sum(sizes) > settings.NUCLEUS_REPORT_MAX_BYTES:
        raise ValidationError(_("The files of a report can be at most %(limit)s together.") % {
            "limit": filesizeformat(settings.NUCLEUS_REPORT_MAX_BYTES)}, code="report_too_large")


def check_type(head: bytes) -> str:
    """The type of an upload by its first bytes: the cheap check made when a report is sent,
    before anything is kept (the full check of the content is ``process``, in the job)."""
    kind = sniff(head[:16])
    if kind is None:
        raise ValidationError(_("Only photos (JPEG, PNG, WebP) and videos (MP4, WebM) can be "
                                "attached to a report."), code="file_type")
    if kind in (MP4, WEBM) and not ffmpeg_available():
        raise _no_ffmpeg()
    return kind


def process(data: bytes) -> Processed:
    """Check one upload by its content and make it safe, or raise ValidationError."""
    check_limits([len(data)])
    kind = check_type(data[:16])
    if kind == MP4 or kind == WEBM:
        return process_video(data, kind)
    return process_photo(data, kind)


# --- photos ---

def process_photo(data: bytes, kind: str) -> Processed:
    clean = publication_files.reencode_image(data, kind)  # ValidationError if unreadable
    image = _open(clean)
    boxes = find_faces(image)
    if not boxes:
        return Processed(PHOTO, kind, clean, 0, None)
    blurred = blur_faces(image, boxes)
    return Processed(PHOTO, kind, encode(blurred, kind), len(boxes), clean)


def _open(data: bytes) -> Image:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.copy()


def encode(image: Image, kind: str) -> bytes:
    """The image in the upload's format, again from its pixels alone."""
    return publication_files._pixels_only(image, kind)


def find_faces(image: Image) -> list[tuple[int, int, int, int]]:
    """Face boxes (x, y, width, height) found by the frontal-face Haar cascade that ships
    inside opencv-python-headless; nothing is downloaded."""
    import cv2
    import numpy

    cascade = cv2.CascadeClassifier(
        os.path.join(cv2.data.haarcascades,  # type: ignore[attr-defined]  # not in the stubs
                     "haarcascade_frontalface_default.xml"))
    if cascade.empty():  # a broken install must not let faces through unseen
        raise ValidationError(_("Faces cannot be checked on this server; the photo was not "
                                "stored."), code="no_face_detector")
    gray = cv2.cvtColor(numpy.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY)
    side = max(24, min(gray.shape) // 40)
    boxes: set[tuple[int, int, int, int]] = set()
    # As taken and with its contrast equalized: each finds faces the other misses (a dark
    # hall, a flat drawing), and a wall blurred by mistake costs less than a face missed.
    for variant in (gray, cv2.equalizeHist(gray)):
        found = cascade.detectMultiScale(variant, scaleFactor=1.1, minNeighbors=4,
                                         minSize=(side, side))
        boxes.update((int(x), int(y), int(w), int(h)) for x, y, w, h in found)
    return sorted(boxes)


def blur_faces(image: Image, boxes: Sequence[tuple[int, int, int, int]]) -> Image:
    """Each box, with a margin, pixelated to a few blocks and then blurred: a Gaussian blur
    alone can be partly undone, a handful of averaged blocks cannot."""
    from PIL import Image as PILImage
    from PIL import ImageFilter

    out = image.copy()
    for x, y, w, h in boxes:
        mx, my = int(w * FACE_MARGIN), int(h * FACE_MARGIN)
        box = (max(0, x - mx), max(0, y - my),
               min(out.width, x + w + mx), min(out.height, y + h + my))
        region = out.crop(box)
        blocks = region.resize((6, 6), PILImage.Resampling.BOX)
        region = blocks.resize(region.size, PILImage.Resampling.NEAREST)
        region = region.filter(ImageFilter.GaussianBlur(max(4, region.width // 12)))
        out.paste(region, box[:2])
    return out


# --- videos ---

def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _no_ffmpeg() -> ValidationError:
    return ValidationError(_("Videos cannot be cleaned of their metadata on this server, so "
                             "they are not accepted. Send photos, or ask the administrator "
                             "to install ffmpeg."), code="no_ffmpeg")


def process_video(data: bytes, kind: str) -> Processed:
    if not ffmpeg_available():
        raise _no_ffmpeg()
    with tempfile.TemporaryDirectory(prefix="nucleus-video-") as folder:
        source, target = Path(folder) / "in", Path(folder) / f"out.{EXTENSIONS[kind]}"
        source.write_bytes(data)
        probe = _probe(source)
        codecs = {str(s.get("codec_name")) for s in probe.get("streams", [])
                  if s.get("codec_type") == "video"}
        if not codecs:
            raise ValidationError(_("The video cannot be read."), code="broken_video")
        _run(_strip_command(source, target, kind, codecs))
        if not target.exists() or leftover_tags(_probe(target)):
            raise ValidationError(_("The metadata of this video cannot be removed, so it "
                                    "was not stored."), code="video_metadata")
        return Processed(VIDEO, kind, target.read_bytes(), 0, None)


def _strip_command(source: Path, target: Path, kind: str, codecs: set[str]) -> list[str]:
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(source),
               # Video that is not an attached picture, and audio; no data streams (GPS
               # tracks), subtitles, chapters or global and per-stream metadata.
               "-map", "0:V", "-map", "0:a?", "-map_metadata", "-1", "-map_chapters", "-1",
               "-c", "copy", "-fflags", "+bitexact", "-flags:v", "+bitexact",
               "-flags:a", "+bitexact"]
    # SEI units carry the encoder's own strings (device, settings) inside the stream.
    if codecs == {"h264"}:
        command += ["-bsf:v", "filter_units=remove_types=6"]
    elif codecs == {"hevc"}:
        command += ["-bsf:v", "filter_units=remove_types=39|40"]
    if kind == MP4:
        command += ["-movflags", "+faststart", "-f", "mp4"]
    else:
        command += ["-f", "webm"]
    return [*command, str(target)]


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True,  # noqa: S603
                       timeout=_FFMPEG_SECONDS)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        raise ValidationError(_("The metadata of this video cannot be removed, so it was "
                                "not stored."), code="video_metadata") from None


def _probe(path: Path) -> dict[str, list[dict[str, object]]]:
    command = ["ffprobe", "-v", "error", "-show_entries",
               "format=format_name:format_tags:stream=codec_type,codec_name:stream_tags",
               "-of", "json", str(path)]
    try:
        done = subprocess.run(command, check=True, capture_output=True,  # noqa: S603
                              timeout=_FFMPEG_SECONDS)
        parsed = json.loads(done.stdout or b"{}")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError, ValueError):
        raise ValidationError(_("The video cannot be read."), code="broken_video") from None
    streams = parsed.get("streams", [])
    return {"format": [parsed.get("format", {})], "streams": streams}


def leftover_tags(probe: dict[str, list[dict[str, object]]]) -> list[str]:
    """The tags ffprobe still reads, other than the muxer's structural ones."""
    left = []
    for entry in [*probe.get("format", []), *probe.get("streams", [])]:
        tags = entry.get("tags") or {}
        assert isinstance(tags, dict)
        for key, value in tags.items():
            allowed = _STRUCTURAL_TAGS.get(key, set())
            if key not in _STRUCTURAL_TAGS or (allowed is not None and value not in allowed):
                left.append(f"{key}={value}")
    return left


# --- storage ---

def root() -> Path:
    return Path(settings.DATA_DIR) / "uploads" / "reports"


def path_of(sha256: str, content_type: str, *, held: bool = False) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256")
    folder = root() / "held" if held else root()
    return folder / f"{sha256}.{EXTENSIONS[content_type]}"


def store(content: bytes, content_type: str, *, held: bool = False) -> str:
    """Write the file (0600 in a 0700 directory) unless it is there; return its SHA-256."""
    sha256 = hashlib.sha256(content).hexdigest()
    path = path_of(sha256, content_type, held=held)
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if not path.exists():
        partial = path.with_suffix(".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        partial.replace(path)
    return sha256


def discard_held(sha256: str, content_type: str) -> None:
    """Delete the unblurred original once the office has decided (it is never shown)."""
    path_of(sha256, content_type, held=True).unlink(missing_ok=True)


def read(sha256: str, content_type: str, *, held: bool = False) -> bytes:
    return path_of(sha256, content_type, held=held).read_bytes()


def thumbnail(data: bytes, width: int = 320) -> bytes:
    """A small JPEG for the public page, sized by the server from the file shown (faces
    blurred, no metadata): a page of reports stays light."""
    from PIL import Image as PILImage

    image = _open(data).convert("RGB")
    if image.width > width:
        image = image.resize((width, max(1, image.height * width // image.width)),
                             PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70, optimize=True)
    return out.getvalue()
