"""The media of a member report: metadata gone, faces blurred, types by content, limits."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageStat

from memberreports import media
from memberreports.tests.images import FACE_BOX, face_picture, plain_photo, with_gps_exif

needs_ffmpeg = pytest.mark.skipif(not media.ffmpeg_available(),
                                  reason="ffmpeg is not installed (scripts/start installs it)")
# What Pillow puts into info by itself when it reads these formats; nothing else may be left.
FORMAT_OWN_KEYS = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}


def _read(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _error_code(call) -> str | None:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.code


def test_it_removes_gps_device_time_xmp_and_comment_from_a_photo():
    upload = with_gps_exif(plain_photo())
    before = _read(upload)
    assert before.getexif().get_ifd(0x8825), "the test photo must carry GPS to begin with"
    assert {"exif", "xmp", "comment"} <= set(before.info)

    stored = media.process(upload)

    after = _read(stored.content)
    assert stored.kind == media.PHOTO and stored.content_type == "image/jpeg"
    assert not after.getexif()
    assert set(after.info) <= FORMAT_OWN_KEYS
    for secret in (b"PhoneMaker", b"Model X", b"2022:11:30", b"secret place", b"the gate"):
        assert secret not in stored.content


def test_it_removes_exif_from_a_png_too():
    stored = media.process(with_gps_exif(plain_photo(), fmt="PNG"))

    after = _read(stored.content)
    assert stored.content_type == "image/png"
    assert not after.getexif() and "exif" not in after.info
    assert b"PhoneMaker" not in stored.content


def test_it_finds_the_drawn_face():
    boxes = media.find_faces(face_picture())

    assert len(boxes) == 1
    x, y, w, h = boxes[0]
    assert x < FACE_BOX[2] and x + w > FACE_BOX[0] and y < FACE_BOX[3] and y + h > FACE_BOX[1]


def test_it_blurs_the_face_and_leaves_the_rest_of_the_photo_as_it_was():
    out = io.BytesIO()
    face_picture().save(out, format="PNG")  # lossless: the untouched part must be equal

    stored = media.process(out.getvalue())

    assert stored.faces == 1 and stored.held is not None
    shown, held = _read(stored.content).convert("L"), _read(stored.held).convert("L")
    face_before = ImageStat.Stat(held.crop(FACE_BOX)).var[0]
    face_after = ImageStat.Stat(shown.crop(FACE_BOX)).var[0]
    assert face_after < face_before / 4, (face_before, face_after)
    panel = (430, 40, 590, 360)  # the striped panel beside the head
    assert shown.crop(panel).tobytes() == held.crop(panel).tobytes()


def test_it_holds_no_unblurred_copy_of_a_photo_without_faces():
    stored = media.process(with_gps_exif(plain_photo()))

    assert stored.faces == 0 and stored.held is None


def test_it_tells_the_type_by_content_not_by_name():
    assert _error_code(lambda: media.process(b"GIF89a" + b"\0" * 64)) == "file_type"
    assert _error_code(lambda: media.process(b"%PDF-1.4 not a photo %%EOF")) == "file_type"
    # A JPEG's first bytes and then garbage: the content is checked, not only its start.
    assert _error_code(lambda: media.process(b"\xff\xd8\xff\xe0" + b"x" * 200)) == "broken_image"


def test_it_refuses_files_and_reports_over_the_limits(settings):
    settings.NUCLEUS_REPORT_FILE_MAX_BYTES = 2000
    settings.NUCLEUS_REPORT_MAX_BYTES = 3000
    settings.NUCLEUS_REPORT_MAX_FILES = 2

    assert _error_code(lambda: media.check_limits([2001])) == "file_too_large"
    assert _error_code(lambda: media.check_limits([1600, 1600])) == "report_too_large"
    assert _error_code(lambda: media.check_limits([1, 1, 1])) == "too_many_files"
    media.check_limits([1500, 1500])
    assert _error_code(lambda: media.process(b"\0" * 2001)) == "file_too_large"


def _tagged_video(folder: Path) -> bytes:
    path = folder / "phone.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
         "testsrc=duration=1:size=160x120:rate=10", "-f", "lavfi", "-i", "sine=duration=1",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
         "-metadata", "title=Gate 3 at dawn", "-metadata", "location=+35.6892+051.3890/",
         "-metadata:s:v:0", "handler_name=Phone Model X", str(path)], check=True)
    return path.read_bytes()


def _tags(data: bytes, folder: Path) -> str:
    path = folder / "probe"
    path.write_bytes(data)
    return subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags",
                           "-of", "json", str(path)], check=True, capture_output=True,
                          text=True).stdout


@needs_ffmpeg
def test_it_strips_a_videos_container_metadata(tmp_path):
    upload = _tagged_video(tmp_path)
    assert "Gate 3" in _tags(upload, tmp_path) and "+35.6892" in _tags(upload, tmp_path)

    stored = media.process(upload)

    tags = _tags(stored.content, tmp_path)
    assert stored.kind == media.VIDEO and stored.content_type == media.MP4
    for secret in ("Gate 3", "35.6892", "Phone Model X", "Lavc", "Lavf"):
        assert secret not in tags
    assert b"x264" not in stored.content  # the encoder's SEI string inside the stream
    folder = tmp_path / "out.mp4"
    folder.write_bytes(stored.content)
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(folder), "-f", "null", "-"], check=True)


@needs_ffmpeg
def test_it_refuses_a_video_whose_metadata_stays(tmp_path, monkeypatch):
    upload = _tagged_video(tmp_path)
    keeps_metadata = media._strip_command

    def without_stripping(source, target, kind, codecs):
        command = keeps_metadata(source, target, kind, codecs)
        at = command.index("-map_metadata")
        return command[:at] + command[at + 2:]  # the global and stream tags are copied

    monkeypatch.setattr(media, "_strip_command", without_stripping)

    assert _error_code(lambda: media.process(upload)) == "video_metadata"


def test_it_refuses_every_video_without_ffmpeg(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)

    assert _error_code(lambda: media.process(b"\0\0\0\x18ftypmp42" + b"\0" * 64)) == "no_ffmpeg"
    assert _error_code(lambda: media.process(b"\x1a\x45\xdf\xa3" + b"\0" * 64)) == "no_ffmpeg"


def test_it_names_the_tags_a_probe_still_finds():
    probe = {"format": [{"tags": {"major_brand": "isom", "location": "+35+051/"}}],
             "streams": [{"tags": {"handler_name": "VideoHandler", "language": "und"}},
                         {"tags": {"handler_name": "Phone"}}]}

    assert media.leftover_tags(probe) == ["location=+35+051/", "handler_name=Phone"]
