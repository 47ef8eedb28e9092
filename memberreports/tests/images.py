"""Test pictures drawn here: a face the Haar cascade finds, and a photo with GPS EXIF."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFilter

FACE_BOX = (125, 105, 275, 295)  # the drawn head (x0, y0, x1, y1) in a 400 x 400 picture


def face_picture() -> Image.Image:
    """A drawn frontal face (head, brows, eyes, nose, mouth) on a plain background, on the
    left; on the right a striped panel that must come out untouched."""
    image = Image.new("RGB", (600, 400), (120, 140, 160))
    draw = ImageDraw.Draw(image)
    cx, cy = 200, 200
    draw.ellipse([cx - 75, cy - 95, cx + 75, cy + 95], fill=(225, 190, 160))
    for side in (-1, 1):
        x = cx + side * 35
        draw.rectangle([x - 22, cy - 52, x + 22, cy - 44], fill=(60, 40, 30))
        draw.ellipse([x - 16, cy - 35, x + 16, cy - 17], fill=(250, 250, 250))
        draw.ellipse([x - 8, cy - 34, x + 8, cy - 18], fill=(30, 20, 20))
    draw.polygon([(cx, cy - 15), (cx - 12, cy + 25), (cx + 12, cy + 25)], fill=(200, 160, 130))
    draw.ellipse([cx - 35, cy + 45, cx + 35, cy + 62], fill=(150, 60, 60))
    image = image.filter(ImageFilter.GaussianBlur(3))
    panel = ImageDraw.Draw(image)
    for x in range(430, 590, 20):
        panel.rectangle([x, 40, x + 9, 360], fill=(20, 20, 20))
    return image


GPS_EXIF = {2: (35, 41, 22), 1: "N", 4: (51, 23, 20), 3: "E"}


def with_gps_exif(image: Image.Image, fmt: str = "JPEG") -> bytes:
    """The picture saved with EXIF that locates and identifies (GPS, device, time), an XMP
    packet and a comment, as a phone would."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2022:11:30 10:11:12"  # DateTime
    gps = exif.get_ifd(0x8825)
    for key, value in GPS_EXIF.items():
        gps[key] = value
    out = io.BytesIO()
    options: dict[str, object] = {"exif": exif}
    if fmt == "JPEG":
        options["comment"] = b"taken at the gate"
        options["xmp"] = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret place</x:xmpmeta>"
    image.save(out, format=fmt, **options)
    return out.getvalue()


def plain_photo() -> Image.Image:
    """A picture without a face: a gradient and a few shapes."""
    image = Image.new("RGB", (320, 240), (200, 210, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 120, 300, 230], fill=(90, 60, 40))
    draw.polygon([(40, 120), (160, 30), (280, 120)], fill=(160, 40, 40))
    return image
