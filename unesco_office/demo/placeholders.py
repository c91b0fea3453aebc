"""Placeholder images for demo records: a coloured banner with the record's name."""

import io
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont


@dataclass(frozen=True)
class Placeholder:
    title: str
    subtitle: str
    colour: str

    def alt_texts(self):
        """The image's alt text in each language: what it shows, the English words drawn."""
        return {
            "image_alt_en": f"Placeholder graphic: the words “{self.title}” on a coloured background",
            "image_alt_fr": f"Image provisoire\u00a0: les mots «\u00a0{self.title}\u00a0» sur un fond de couleur",
            "image_alt_zh_hans": f"占位图：彩色背景上的文字“{self.title}”",
        }


def _font(size):
    return ImageFont.load_default(size=size)


def _wrap(draw, text, font, width):
    """Split `text` into lines no wider than `width` pixels."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def placeholder_image(*, placeholder: Placeholder, size: tuple[int, int]) -> bytes:
    """A JPEG banner: the record's colour fading to a darker shade, its name in large text.

    The same placeholder and size always give the same bytes.
    """
    width, height = size
    colour = ImageColor.getrgb(placeholder.colour)
    dark = tuple(channel // 3 for channel in colour)
    mask = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", size, dark), Image.new("RGB", size, colour), mask)
    draw = ImageDraw.Draw(image)
    margin = width // 20
    # Cards show images at 3:2 (static/css/site.css), cutting the sides of a wider banner:
    # the words stay inside the part they show.
    side = margin + max(0, (width - height * 3 // 2) // 2)
    text_width = width - 2 * side
    size_px = max(height // 9, 8)
    while True:
        font = _font(size_px)
        lines = _wrap(draw, placeholder.title, font, text_width)
        if len(lines) <= 3 or size_px <= 8:
            break
        size_px = int(size_px * 0.85)
    small = _font(max(height // 22, 6))
    line_height = int(size_px * 1.2)
    y = height - margin - line_height * len(lines)
    draw.text((side, margin), placeholder.subtitle, font=small, fill="white")
    for line in lines[:4]:
        draw.text((side, y), line, font=font, fill="white")
        y += line_height
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()
