"""Reading a page's map back from its SVG, for the tests of what the maps show."""

import re

import numpy as np


def svg_of(html):
    match = re.search(r'<svg class="map__svg".*?</svg>', html, re.S)
    return match.group() if match else ""


def frame(html):
    """(width, height) of the map's viewBox."""
    width, height = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg_of(html)).groups()
    return int(width), int(height)


def tinted_bounds(html):
    """(left, top, right, bottom) of every tinted country's outline, None without any.

    The outlines are clipped a little beyond the frame: a country cut off by the map's edge
    reaches past it."""
    match = re.search(r'class="map__land map__land--focus" d="([^"]+)"', svg_of(html))
    if not match:
        return None
    xs, ys = [], []
    # Each ring: its first point, then whole-unit steps (see unesco_office.maps.base_map._ring_path).
    for x, y, steps in re.findall(r"M(-?\d+) (-?\d+)l([^z]*)z", match.group(1)):
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        xs.extend(np.cumsum([int(x), *numbers[0::2]]).tolist())
        ys.extend(np.cumsum([int(y), *numbers[1::2]]).tolist())
    return min(xs), min(ys), max(xs), max(ys)


def holds_tinted_whole(html, margin=0.02):
    """Whether the tinted countries lie inside the map, `margin` (a share of its width)
    from every edge."""
    width, height = frame(html)
    left, top, right, bottom = tinted_bounds(html)
    edge = margin * width
    return left > edge and top > edge and right < width - edge and bottom < height - edge
