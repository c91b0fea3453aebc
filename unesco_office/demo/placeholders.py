"""Placeholder images for demo records: a coloured banner with a pattern of rings.

A placeholder carries no words, so that it reads the same in every language of the site;
its pattern follows the record's name, so that two cards side by side do not look alike.
"""

import hashlib
import io
import random
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw

ALT_TEXTS = {
    "image_alt_en": "Placeholder graphic: rings on a coloured background",
    "image_alt_fr": "Image provisoire\u00a0: des anneaux sur un fond de couleur",
    "image_alt_zh_hans": "占位图：彩色背景上的圆环",
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    colour: str

    def alt_texts(self):
        """The image's alt text in each language: what it shows."""
        return ALT_TEXTS


def placeholder_image(*, placeholder: Placeholder, size: tuple[int, int]) -> bytes:
    """A JPEG banner: the record's colour fading to a darker shade, a few light rings.

    The same placeholder and size always give the same bytes.
    """
    width, height = size
    colour = ImageColor.getrgb(placeholder.colour)
    dark = tuple(channel // 3 for channel in colour)
    mask = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", size, dark), Image.new("RGB", size, colour), mask)
    rings = Image.new("L", size, 0)
    draw = ImageDraw.Draw(rings)
    seed = int.from_bytes(hashlib.sha256(placeholder.name.encode()).digest()[:8])
    chance = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    # Cards show images at 3:2 (static/css/site.css), cutting the sides of a wider banner:
    # the rings stay inside the part they show.
    side = max(0, (width - height * 3 // 2) // 2)
    for _ in range(5):
        radius = chance.uniform(0.12, 0.3) * height
        x = chance.uniform(side + radius, width - side - radius)
        y = chance.uniform(radius, height - radius)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            outline=chance.randint(90, 160),
            width=max(1, height // 60),
        )
    image.paste(Image.new("RGB", size, "white"), mask=rings)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()
