"""Pictures drawn from numbers, for demo content and tests: no image files to ship or fetch."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

MOTIFS = ("city", "field", "river", "night", "snow", "portrait", "factory", "crowd")


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def draw_picture(
    *, palette=(90, 110, 140), motif: str = "city", size=(1600, 900), seed: int = 0
) -> bytes:
    """A JPEG of a simple landscape-like scene in the given colours."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    sky_top = _shade(palette, 1.35 if motif != "night" else 0.35)
    sky_bottom = _shade(palette, 0.9 if motif != "night" else 0.15)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True)),
        )
    horizon = int(height * rng.uniform(0.55, 0.72))
    ground = _shade(palette, 0.55) if motif != "snow" else (235, 238, 242)
    draw.rectangle([0, horizon, width, height], fill=ground)
    if motif in ("city", "factory", "night", "crowd"):
        x = 0
        while x < width:
            w = rng.randint(width // 30, width // 10)
            h = rng.randint(height // 8, height // 2)
            draw.rectangle(
                [x, horizon - h, x + w, horizon], fill=_shade(palette, rng.uniform(0.3, 0.7))
            )
            if motif == "night":
                for _ in range(rng.randint(2, 8)):
                    wx, wy = rng.randint(x, x + w - 6), rng.randint(horizon - h, horizon - 8)
                    draw.rectangle([wx, wy, wx + 6, wy + 8], fill=(250, 220, 140))
            x += w + rng.randint(0, width // 60)
        if motif == "factory":
            for _ in range(3):
                cx = rng.randint(0, width)
                draw.rectangle(
                    [cx, horizon - height // 2, cx + 30, horizon], fill=_shade(palette, 0.3)
                )
    if motif == "river":
        draw.polygon(
            [(0, height), (width * 0.35, horizon), (width * 0.55, horizon), (width, height)],
            fill=_shade(palette, 1.2),
        )
    if motif == "field":
        for i in range(0, width, 40):
            draw.line([(i, height), (width / 2, horizon)], fill=_shade(palette, 0.7), width=3)
    if motif in ("portrait", "crowd"):
        for _ in range(1 if motif == "portrait" else 12):
            cx = rng.randint(width // 6, width * 5 // 6) if motif == "crowd" else width // 2
            r = height // (4 if motif == "portrait" else 14)
            base = height if motif == "portrait" else horizon + r * 2
            draw.ellipse([cx - r, base - 4 * r, cx + r, base - 2 * r], fill=_shade(palette, 0.45))
            draw.rectangle(
                [cx - int(r * 1.6), base - 2 * r, cx + int(r * 1.6), base],
                fill=_shade(palette, 0.35),
            )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
