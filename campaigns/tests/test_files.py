"""A material's file: its type told by content, metadata removed (image EXIF, MP3 tags),
limits, and a clear refusal for everything else."""

from __future__ import annotations

import stat

import pytest
from django.core.exceptions import ValidationError

from campaigns import files
from publications.tests.images import jpeg_with_gps, metadata_of, pdf

FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 60  # an MPEG-1 layer III frame header and silence


def id3v2(text: bytes) -> bytes:
    frame = b"TPE1" + len(text).to_bytes(4, "big") + b"\x00\x00" + text
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F,
                      size & 0x7F])
    return b"ID3\x03\x00\x00" + syncsafe + frame


def test_it_removes_the_gps_and_camera_of_a_poster():
    stored = files.prepare(jpeg_with_gps())
    assert stored.content_type == "image/jpeg"
    found = metadata_of(stored.content)
    assert not found["gps"] and not found["exif"] and "comment" not in found["info"]


def test_it_cuts_the_tags_off_a_song():
    v1 = b"TAG" + b"Singer Real Name".ljust(125, b"\x00")
    stored = files.prepare(id3v2(b"\x00Singer Real Name") + FRAME + v1)
    assert stored.content_type == "audio/mpeg"
    assert stored.content == FRAME
    assert b"Singer" not in stored.content


def test_it_takes_ogg_and_opus_by_their_first_bytes():
    assert files.prepare(b"OggS\x00\x02" + b"\x00" * 22 + b"\x01vorbis").content_type \
        == "audio/ogg"
    assert files.prepare(b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead").content_type \
        == "audio/opus"


def test_it_takes_utf8_text_in_any_script():
    stored = files.prepare("مرگ بر رژیم\nDown with the regime!\n".encode())
    assert (stored.content_type, files.EXTENSIONS[stored.content_type]) == ("text/plain", "txt")


@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + b"\x00" * 40,  # a zip (an office document)
    b"MZ\x90\x00\x03" + b"\x00" * 40,  # a program
    "Latin-1 caf\xe9".encode("latin-1"),
    b"text with a \x00 byte",
], ids=["zip", "exe", "latin1", "nul"])
def test_it_refuses_other_kinds_with_the_list_of_accepted_ones(data):
    with pytest.raises(ValidationError, match="Accepted: PDF, images"):
        files.prepare(data)


def test_it_refuses_a_pdf_with_metadata_and_a_broken_song():
    with pytest.raises(ValidationError, match="metadata"):
        files.prepare(pdf(b"<< /Author (Someone) >>", trailer=b"/Info 3 0 R"))
    with pytest.raises(ValidationError, match="tags cannot be read"):
        files.prepare(b"ID3\x03\x00\x00\x80\x80\x80\x80")
    with pytest.raises(ValidationError, match="empty"):
        files.prepare(b"")


def test_it_refuses_a_file_over_the_limit(settings):
    settings.NUCLEUS_MATERIAL_MAX_BYTES = 2048
    with pytest.raises(ValidationError, match="larger than 2.0"):
        files.prepare(b"a" * 2049)
    assert files.prepare(b"a" * 2048).size == 2048


def test_it_stores_a_file_once_under_its_hash_for_its_owner_only(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    stored = files.prepare(b"Slogans\n")
    path = files.store(stored)
    assert path == tmp_path / "uploads" / "campaigns" / f"{stored.sha256}.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert files.store(stored) == path and files.read(stored.sha256, "text/plain") == b"Slogans\n"


def test_it_names_a_download_by_its_title_in_ascii():
    assert files.download_name("Songs & slogans 2022", "audio/mpeg") == "Songs-slogans-2022.mp3"
    assert files.download_name("شعارها", "text/plain") == "material.txt"
