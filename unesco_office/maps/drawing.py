"""Maps drawn by the site itself, without a tile server, script or key.

`draw_map(markers, …)` returns a `Map`: an inline SVG (the base map of unesco_office.maps.base_map and
one link per marker, each named by its <title>), a caption, a legend and notes, which
templates show with `{% include "components/map.html" with map=map only %}`. The SVG is
written here rather than by a template loop: a list of 500 sites draws 500 links, and
string formatting does that in about a millisecond. It holds no style attribute and no
<style> element (the CSP forbids inline styles): its classes are styled in static/css/site.css.

Where markers would hide each other (events in one city, an event at its site), they are
set around their spot in a small ring so that each can still be pointed at.
"""

import functools
import html
import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from unesco_office.maps import base_map

# Marker shapes, centred on (0, 0), in SVG units (a tenth of a pixel at full width).
SHAPES = {
    "circle": '<circle id="{id}" r="62"/>',
    "diamond": '<path id="{id}" d="M0-82 82 0 0 82-82 0z"/>',
    "triangle": '<path id="{id}" d="M0-84 78 52H-78z"/>',
    "square": '<path id="{id}" d="M-58-58h116v116h-116z"/>',
}
RING = 150  # how far markers that would hide each other are moved apart
OVERLAP = 124  # markers closer than this (their width) would hide each other


@dataclass(frozen=True)
class MarkerKind:
    """What a marker stands for: `key` names its class (map__pts--<key>), `label` its line in
    the legend, `shape` one of SHAPES."""

    key: str
    label: str
    shape: str


class Marker(NamedTuple):
    """A point of a map (a tuple: a list of 500 is made on every request)."""

    latitude: float
    longitude: float
    label: str  # the link's accessible name
    url: str
    kind: MarkerKind
    # "en" when the label is the English for a missing translation (core.i18n).
    language: str | None = None


@dataclass(frozen=True)
class LegendEntry:
    kind: MarkerKind
    count: int


@dataclass
class Map:
    name: str  # prefix of the ids in the page: one map per name on a page
    svg: str
    caption: str
    legend: list[LegendEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    count: int = 0

    @property
    def caption_id(self):
        return f"{self.name}-map-caption"


def maps_enabled():
    """Off with DJANGO_MAPS=0: every page then leaves its map out (and its query)."""
    return settings.MAPS


def slug_urls(view_name):
    """A function from a slug to the URL of `view_name`, reversing only once: a map of 500
    sites would otherwise spend more time in reverse() than in everything else."""
    placeholder = "slug-placeholder"
    prefix, suffix = reverse(view_name, args=[placeholder]).split(placeholder)
    return lambda slug: f"{prefix}{slug}{suffix}"


def openstreetmap_url(latitude, longitude):
    return (
        f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
        f"#map=11/{latitude}/{longitude}"
    )


# The least a map spans, in km: a list's few points in one city still show their region.
LIST_MIN_SPAN = 1600.0
# A map of one place (a site's, an event's) shows more around it.
PLACE_MIN_SPAN = 2400.0


def draw_map(
    markers,
    *,
    name,
    caption,
    kinds,
    notes=(),
    highlight=(),
    region=(),
    min_span=LIST_MIN_SPAN,
):
    """The map of `markers` (drawn in the order of `kinds`), fitted to them and to the main
    lands of the countries of `region` (ISO alpha-3 codes) whole, at least `min_span` km
    across; None with neither. The countries of `highlight` are tinted. The legend counts
    the markers of each kind when there are several kinds."""
    points = tuple((m.latitude, m.longitude) for m in markers)
    view = fitted_view(points, tuple(sorted(region)), min_span)
    if view is None:
        return None
    base = base_map.base_map(view)
    focus = base_map.boundaries().members
    tinted = set().union(*(focus.get(code, {code}) for code in highlight)) if highlight else set()
    land = "".join(p for c, p in zip(base.codes, base.paths, strict=True) if c not in tinted)
    land_focus = "".join(p for c, p in zip(base.codes, base.paths, strict=True) if c in tinted)
    order = {kind.key: n for n, kind in enumerate(kinds)}
    markers = sorted(markers, key=lambda m: order[m.kind.key])
    positions = _spread(_positions(view, markers))
    caption_id = f"{name}-map-caption"
    parts = [
        f'<svg class="map__svg" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width // 10}" height="{view.height // 10}" role="group" '
        f'aria-labelledby="{caption_id}">',
        "<defs>",
        *(SHAPES[kind.shape].format(id=f"{name}-{kind.key}") for kind in kinds),
        '</defs><g aria-hidden="true">',
        f'<rect class="map__sea" width="{view.width}" height="{view.height}"/>',
        f'<path class="map__land" d="{land}"/>' if land else "",
        f'<path class="map__land map__land--focus" d="{land_focus}"/>' if land_focus else "",
        "</g>",
    ]
    current = None
    for marker, (x, y) in zip(markers, positions, strict=True):
        if marker.kind.key != current:
            parts.append("</g>" if current else "")
            current = marker.kind.key
            parts.append(f'<g class="map__pts map__pts--{current}">')
        parts.append(
            f'<a href="{html.escape(marker.url)}" transform="translate({x} {y})">'
            f"<title{_lang(marker.language)}>{html.escape(marker.label)}</title>"
            f'<use href="#{name}-{current}"/></a>'
        )
    parts.append("</g></svg>" if current else "</svg>")
    counts = {kind.key: 0 for kind in kinds}
    for marker in markers:
        counts[marker.kind.key] += 1
    return Map(
        name=name,
        svg=mark_safe("".join(parts)),  # noqa: S308 (every text and URL above is escaped)
        caption=caption,
        legend=[LegendEntry(kind, counts[kind.key]) for kind in kinds if counts[kind.key]]
        if len(kinds) > 1
        else [],
        notes=[note for note in notes if note],
        count=len(markers),
    )


@functools.lru_cache(maxsize=256)
def fitted_view(points, region, min_span):
    """The view that holds these points and the main lands of the `region` countries whole
    (base_map.fit), kept per process for the 256 asked for last: a page drawn again, or another
    page of the same places, asks for the same view."""
    return base_map.fit([*points, *base_map.boundaries().extent_points(region)], min_span=min_span)


def _positions(view, markers):
    if not markers:
        return []
    lat = np.array([float(m.latitude) for m in markers])
    lon = np.array([float(m.longitude) for m in markers])
    x, y = view.to_svg(lon, lat)
    return list(zip(np.rint(x).astype(int).tolist(), np.rint(y).astype(int).tolist(), strict=True))


def _spread(positions):
    """Markers that would hide each other (closer than OVERLAP: events in one city, an event
    at its site) set apart in a ring around where they are. A marker joins the first group
    whose first marker is that close, so that groups never chain across a crowded region."""
    leaders = {}  # a cell of the OVERLAP grid: the groups whose first marker is in it
    groups = []
    for n, (x, y) in enumerate(positions):
        cell = (x // OVERLAP, y // OVERLAP)
        near = (
            group
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for group in leaders.get((cell[0] + dx, cell[1] + dy), ())
            if math.dist(positions[group[0]], (x, y)) < OVERLAP
        )
        if (group := next(near, None)) is not None:
            group.append(n)
        else:
            groups.append([n])
            leaders.setdefault(cell, []).append(groups[-1])
    spread = list(positions)
    for members in groups:
        if len(members) < 2:
            continue
        x, y = (sum(c) / len(members) for c in zip(*(positions[n] for n in members), strict=True))
        radius = RING * max(1.0, len(members) / 6)
        for k, n in enumerate(members):
            angle = 2 * math.pi * k / len(members) - math.pi / 2
            spread[n] = (round(x + radius * math.cos(angle)), round(y + radius * math.sin(angle)))
    return spread


def _lang(language):
    return f' lang="{html.escape(language)}"' if language else ""
