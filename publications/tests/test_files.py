"""An issue's file: its type told by its content, its size limited, an image re-encoded
without its metadata, a PDF refused when it carries metadata that cannot be removed."""

import stat

import pytest
from django.core.exceptions import ValidationError

from publications import files
from publications.tests.images import (
    CAMERA,
    jpeg_with_gps,
    metadata_of,
    object_stream,
    pdf,
    png_with_text,
)


def test_it_strips_the_gps_position_and_the_camera_from_a_jpeg():
    upload = jpeg_with_gps()
    stored = files.prepare(upload)
    assert stored.content_type == files.JPEG
    found = metadata_of(stored.content)
    assert found == {"exif": {}, "gps": {}, "info": {}}
    assert b"Exif" not in stored.content and CAMERA.encode() not in stored.content
    assert b"taken at the gate" not in stored.content


def test_it_strips_the_text_of_a_png():
    stored = files.prepare(png_with_text())
    assert stored.content_type == files.PNG
    assert b"Someone Real" not in stored.content and metadata_of(stored.content)["info"] == {}


def test_it_tells_the_type_by_content_never_by_name():
    assert files.sniff(png_with_text()[:16]) == files.PNG
    with pytest.raises(ValidationError, match="Only a PDF or an image"):
        files.prepare(b"<html><script>alert(1)</script></html>")  # say, uploaded as x.pdf
    with pytest.raises(ValidationError, match="Only a PDF or an image"):
        files.prepare(b"GIF89a" + b"\0" * 40)


def test_it_refuses_an_image_that_does_not_decode():
    with pytest.raises(ValidationError, match="cannot be read"):
        files.prepare(b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 20)


def test_it_refuses_a_file_above_the_limit(settings):
    settings.NUCLEUS_ISSUE_FILE_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="larger than 1.0") as refused:
        files.prepare(b"%PDF-1.7\n" + b" " * 2000 + b"%%EOF")
    assert refused.value.code == "too_large"


def test_it_refuses_an_image_with_too_many_pixels(settings):
    settings.NUCLEUS_ISSUE_IMAGE_MAX_PIXELS = 100
    with pytest.raises(ValidationError, match="too many pixels"):
        files.prepare(png_with_text())


def test_it_keeps_a_pdf_without_metadata_as_it_is():
    clean = pdf()
    stored = files.prepare(clean)
    assert (stored.content, stored.content_type) == (clean, files.PDF)


@pytest.mark.parametrize("document", [
    pdf(b"<< /Producer (Writer 7) /Author (A. Member) >>", trailer=b"/Info 3 0 R"),
    pdf(b"<< /Type /Metadata /Subtype /XML /Length 4 >>\nstream\n<x/>\nendstream"),
    pdf(b"<< /Auth#6fr (A. Member) >>"),  # a name spelled with #xx escapes
    pdf(object_stream(b"3 0 << /Creator (Layout program) >>")),  # hidden compressed
], ids=["info dictionary", "xmp stream", "escaped name", "object stream"])
def test_it_refuses_a_pdf_with_metadata(document):
    with pytest.raises(ValidationError, match="carries metadata") as refused:
        files.prepare(document)
    assert refused.value.code == "pdf_metadata"


def test_it_refuses_a_pdf_it_cannot_check():
    with pytest.raises(ValidationError, match="encrypted"):
        files.prepare(pdf(trailer=b"/Encrypt 5 0 R"))
    unreadable = b"<< /Type /ObjStm /N 1 /First 6 /Filter /LZWDecode >>\nstream\nxx\nendstream"
    with pytest.raises(ValidationError, match="cannot be checked"):
        files.prepare(pdf(unreadable))
    with pytest.raises(ValidationError, match="incomplete"):
        files.prepare(b"%PDF-1.7\n1 0 obj << >> endobj\n")


def test_it_stores_a_file_once_under_its_hash_for_its_owner_only(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    stored = files.prepare(png_with_text())
    path = files.store(stored)
    assert path == tmp_path / "uploads" / "issues" / f"{stored.sha256}.png"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert files.store(stored) == path and len(list(path.parent.iterdir())) == 1
    assert files.read(stored.sha256, stored.content_type) == stored.content
