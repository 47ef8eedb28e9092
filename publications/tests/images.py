"""Test files made on the spot: a JPEG carrying GPS EXIF and a camera name, a PNG with text
chunks, small PDFs with and without metadata."""

from __future__ import annotations

import io
import zlib

CAMERA = "Nucleus Test Camera 9000"


def jpeg_with_gps(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    exif[0x0110] = "Model X"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (35.0, 18.0, 55.0), 3: "E", 4: (47.0, 0.0, 12.5)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at the gate")
    data = out.getvalue()
    assert _gps_of(data), "the test image must carry a position"
    return data


def png_with_text() -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Someone Real")
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 0)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _gps_of(data: bytes) -> dict:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(0x8825))


def metadata_of(data: bytes) -> dict:
    """What Pillow finds in an image besides its pixels."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {"exif": dict(exif), "gps": dict(exif.get_ifd(0x8825)),
                "info": {k: v for k, v in image.info.items()
                         if k not in ("jfif", "jfif_version", "jfif_unit", "jfif_density",
                                      "dpi")}}


def pdf(*objects: bytes, trailer: bytes = b"") -> bytes:
    """A small PDF: a catalog and an empty page tree, then ``objects``."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
            *objects]
    out = b"%PDF-1.7\n"
    for number, text in enumerate(body, start=1):
        out += b"%d 0 obj\n" % number + text + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R /Size %d " % (len(body) + 1) + trailer \
        + b">>\nstartxref\n0\n%%EOF\n"


def object_stream(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return (b"<< /Type /ObjStm /N 1 /First 6 /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(packed)) + packed + b"\nendstream"
