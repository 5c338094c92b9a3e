"""Product pictures for the demo data, drawn with Pillow so that installing
the demo needs no network."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

SIZE = 512


def _palette(name):
    digest = hashlib.sha256(name.encode()).digest()
    top = (60 + digest[0] % 150, 60 + digest[1] % 150, 60 + digest[2] % 150)
    bottom = tuple(max(0, c - 55) for c in top)
    accent = (235 - digest[3] % 60, 235 - digest[4] % 60, 235 - digest[5] % 60)
    return top, bottom, accent


def _gradient(top, bottom):
    image = Image.new("RGB", (SIZE, SIZE), top)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE):
        ratio = y / (SIZE - 1)
        color = tuple(round(t + (b - t) * ratio) for t, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE, y)], fill=color)
    return image


def _draw_shape(draw, kind, accent, background, variant):
    shift = variant * 18
    if kind == "apparel":
        body = [(156, 150 + shift), (356, 150 + shift), (356, 400), (156, 400)]
        draw.polygon(body, fill=accent)
        draw.polygon([(156, 150 + shift), (96, 220), (136, 250), (156, 230)], fill=accent)
        draw.polygon([(356, 150 + shift), (416, 220), (376, 250), (356, 230)], fill=accent)
        draw.ellipse([226, 135 + shift, 286, 175 + shift], fill=background)
    elif kind == "drinkware":
        draw.rounded_rectangle([166, 150, 326, 400], radius=24 - variant * 4, fill=accent)
        draw.arc([296, 200, 396, 330], start=-90, end=90, fill=accent, width=22)
    elif kind == "bags":
        draw.rounded_rectangle([136, 200, 376, 410], radius=18, fill=accent)
        draw.arc([196, 110 + shift, 316, 260], start=180, end=360, fill=accent, width=16)
    else:
        draw.rounded_rectangle([146, 140, 366, 400], radius=12, fill=accent)
        draw.line([(176, 200 + shift), (336, 200 + shift)], fill=(90, 90, 90), width=6)


def _kind(category):
    category = category.lower()
    for kind in ("apparel", "drinkware", "bags"):
        if kind in category:
            return kind
    return "stationery"


def render_product_image(name, category="", variant=0):
    """PNG bytes of a 512x512 product picture: a gradient, a silhouette of the
    category and the product's name. ``variant`` draws other views."""
    top, bottom, accent = _palette(f"{name}/{variant}")
    image = _gradient(top, bottom)
    draw = ImageDraw.Draw(image)
    _draw_shape(draw, _kind(category), accent, top, variant)
    font = ImageFont.load_default(size=34)
    label = name if len(name) <= 24 else name[:23] + "…"
    width = draw.textlength(label, font=font)
    draw.rectangle([0, 432, SIZE, 500], fill=tuple(max(0, c - 40) for c in bottom))
    draw.text(((SIZE - width) / 2, 446), label, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
