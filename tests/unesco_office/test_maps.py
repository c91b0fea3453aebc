"""The maps' machinery: boundaries, projections, views, base maps and the SVG."""

import gzip
import importlib.metadata
import math
import re
import tomllib
from decimal import Decimal

import hypothesis
import numpy as np
import pytest
import shapely
from django.conf import settings
from hypothesis import strategies as st

from tests.map_svg import holds_tinted_whole, tinted_bounds
from unesco_office.maps.drawing import OVERLAP, Marker, MarkerKind, base_map, draw_map, fitted_view

FIT = base_map.fit

SITE = MarkerKind("site", "Site", "circle")
OTHER = MarkerKind("other", "Other", "triangle")

GREAT_WALL = (40.4, 116.6)
MOUNT_FUJI = (35.36, 138.73)
ULAANBAATAR = (47.92, 106.92)
# The demo office's spread: Mongolia's west to Hokkaido, Yunnan to the Amur.
EAST_ASIA = [
    GREAT_WALL,
    MOUNT_FUJI,
    (47.48, 102.68),  # Orkhon Valley
    (50.28, 92.72),  # Uvs Nuur
    (37.57, 126.99),  # Jongmyo Shrine
    (38.86, 125.42),  # Koguryo tombs
    (43.95, 144.97),  # Shiretoko
    (29.66, 91.12),  # Potala Palace
    (21.95, 101.2),  # Xishuangbanna
]


def marker(lat, lon, label="A site", url="/sites/a-site/", kind=SITE):
    return Marker(lat, lon, label, url, kind)


def east_asia_map(points=EAST_ASIA, **kwargs):
    markers = [
        marker(lat, lon, f"Site {n}", f"/sites/site-{n}/") for n, (lat, lon) in enumerate(points)
    ]
    return draw_map(markers, name="sites", caption="Sites", kinds=[SITE, OTHER], **kwargs)


# --- Boundaries ----------------------------------------------------------------------------


def test_boundaries_are_natural_earth_from_the_pinned_package():
    pyproject = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())
    pinned = f"{base_map.BOUNDARIES_PACKAGE.replace('_', '-')}==0.0.3"

    assert pinned in pyproject["project"]["dependencies"]
    assert importlib.metadata.version(base_map.BOUNDARIES_PACKAGE) == "0.0.3"
    assert base_map.boundaries_path().is_file()
    assert "site-packages" in str(base_map.boundaries_path())  # installed, not fetched
    assert base_map.boundaries().version == "5.1.1"


def test_every_covered_country_of_the_demo_office_has_an_outline():
    known = set(base_map.boundaries().codes)

    assert {"CHN", "JPN", "KOR", "PRK", "MNG"} <= known
    # Codes ISO gives as -99 in the file come from the effective ones.
    assert {"FRA", "NOR"} <= known and "-99" not in known


def test_a_country_is_drawn_with_its_constituent_countries_not_its_dependencies():
    members = base_map.boundaries().members

    assert members["CHN"] == {"CHN", "HKG", "MAC"}
    assert "NCL" not in members["FRA"]  # New Caledonia, a dependency
    assert members["NCL"] == {"NCL"}
    assert members["JPN"] == {"JPN"}


# --- Projections and views -----------------------------------------------------------------


def test_azimuthal_projection_round_trips_and_keeps_its_centre():
    projection = base_map.Azimuthal(38.0, 119.0)
    lon = np.array([116.6, 138.73, 92.7, -179.5, 119.0])
    lat = np.array([40.4, 35.36, 50.3, 10.0, 38.0])

    x, y = projection.forward(lon, lat)
    back_lon, back_lat = projection.inverse(x, y)

    np.testing.assert_allclose(back_lon, lon, atol=1e-9)
    np.testing.assert_allclose(back_lat, lat, atol=1e-9)
    assert (x[-1], y[-1]) == pytest.approx((0, 0), abs=1e-9)


def test_azimuthal_projection_keeps_areas():
    """Equal-area: a 1° cell near the centre and one 30° away cover the same projected area
    as on the sphere."""
    projection = base_map.Azimuthal(40.0, 120.0)
    for lat, lon in [(40.0, 120.0), (10.0, 120.0), (40.0, 155.0)]:
        cell = shapely.segmentize(shapely.box(lon, lat, lon + 1, lat + 1), 0.05)
        projected = shapely.transform(cell, lambda xy: np.column_stack(projection.forward(*xy.T)))
        sphere = (
            base_map.EARTH_RADIUS**2
            * np.radians(1)
            * (np.sin(np.radians(lat + 1)) - np.sin(np.radians(lat)))
        )
        assert projected.area == pytest.approx(sphere, rel=1e-3)


def test_equal_earth_keeps_areas_and_its_published_proportions():
    world = shapely.segmentize(shapely.box(-180, -90, 180, 90), 0.25)
    projected = shapely.transform(
        world, lambda xy: np.column_stack(base_map.EqualEarth().forward(*xy.T))
    )

    assert projected.area == pytest.approx(4 * np.pi * base_map.EARTH_RADIUS**2, rel=1e-3)
    assert (
        pytest.approx(2.05, abs=0.01) == base_map.WORLD_X / base_map.WORLD_Y
    )  # 2.05:1, as published


def test_view_holds_every_point_with_a_margin():
    view = base_map.fit(EAST_ASIA)
    lat, lon = np.array(EAST_ASIA).T

    x, y = view.to_svg(lon, lat)

    assert isinstance(view.projection, base_map.Azimuthal)
    assert (x > 0.03 * view.width).all() and (x < 0.97 * view.width).all()
    assert (y > 0.03 * view.height).all() and (y < 0.97 * view.height).all()
    assert 0.5 <= view.height / view.width <= 0.95


def test_one_point_gets_a_view_around_it():
    view = base_map.fit([GREAT_WALL], min_span=2400)
    x, y = view.to_svg(GREAT_WALL[1], GREAT_WALL[0])

    assert 2400 <= view.right - view.left <= 3600
    assert x == pytest.approx(view.width / 2, rel=0.2)
    assert y == pytest.approx(view.height / 2, rel=0.2)


def test_no_point_gives_no_view_and_no_map():
    assert base_map.fit([]) is None
    assert draw_map([], name="sites", caption="Sites", kinds=[SITE]) is None


def test_without_points_a_map_shows_its_region():
    map_ = draw_map(
        [], name="sites", caption="Sites", kinds=[SITE], region=["MNG"], highlight=["MNG"]
    )

    assert map_.count == 0
    assert 'class="map__land map__land--focus"' in map_.svg
    assert "<a " not in map_.svg


def test_points_across_the_antimeridian_get_a_view_around_it():
    fiji, samoa = (-17.7, 178.1), (-13.8, -172.1)
    view = base_map.fit([fiji, samoa])
    base = base_map.base_map(view)

    assert isinstance(view.projection, base_map.Azimuthal)
    assert abs(view.projection.lon % 360 - 180) < 5  # centred on the 180th meridian
    assert view.right - view.left < 2500  # the two sit 1,000 km apart, not a world apart
    assert {"FJI", "WSM"} <= set(base.codes)
    for (lat, lon), code in [(fiji, "FJI"), (samoa, "WSM")]:
        x, y = view.to_svg(lon, lat)
        assert base.shape_of(code).distance(shapely.Point(x, y)) < 200  # near its coast
    # Fiji's islands on both sides of the 180th meridian are drawn side by side.
    left, _, right, _ = base.shape_of("FJI").bounds
    assert right - left < view.width / 2


def test_points_around_the_world_get_the_world_projection():
    view = base_map.fit([(48.85, 2.35), (39.9, 116.4), (-33.45, -70.67), (40.7, -74.0)])
    base = base_map.base_map(view)

    assert isinstance(view.projection, base_map.EqualEarth)
    assert {"FRA", "CHN", "CHL", "USA"} <= set(base.codes)


def test_a_view_near_a_pole_is_drawn():
    view = base_map.fit([(78.2, 15.6)])  # Svalbard

    assert "NOR" in base_map.base_map(view).codes


def test_a_view_is_centred_on_the_middle_of_what_it_shows_not_on_its_mean():
    """Many points on one side (a country's long coast) do not pull the centre there."""
    crowd = [(40.0 + k / 100, 100.0 + k / 100) for k in range(50)]

    view = base_map.fit([*crowd, (40.0, 130.0)])

    assert view.projection.lon == pytest.approx(115, abs=2)


# --- Countries shown whole ------------------------------------------------------------------


def test_a_country_s_main_lands_are_its_mainland_and_the_islands_near_it():
    source = base_map.boundaries()

    def extent(code):
        return shapely.union_all(source.main_lands(code)).bounds  # west, south, east, north

    # Japan: Hokkaido down to the Yaeyama islands, not Minami-Torishima (154° E).
    west, south, east, north = extent("JPN")
    assert north > 45.4 and south < 24.5 and west < 124 and east < 146
    assert source.shapes[source.codes.index("JPN")].bounds[2] > 153  # which the file holds
    # France: Corsica, not French Guiana or Réunion.
    west, south, east, north = extent("FRA")
    assert south > 41 and east > 9.5 and west > -6
    # Russia: Kaliningrad, Sakhalin, and Chukotka's end beyond the 180th meridian.
    parts = [part.bounds for part in source.main_lands("RUS")]
    assert any(west < -169 for west, *_ in parts)
    assert any(west > 19 and east < 23 for west, _s, east, _n in parts)
    assert any(west > 141 and east < 145 and south < 46 for west, south, east, _n in parts)


@pytest.mark.parametrize(
    ("point", "country"),
    [(MOUNT_FUJI, "JPN"), (ULAANBAATAR, "MNG"), (GREAT_WALL, "CHN"), ((37.57, 126.99), "KOR")],
)
def test_a_map_holds_its_countries_whole_around_its_points(point, country):
    """Mount Fuji's map shows all Japan, Hokkaido and Okinawa too; Ulaanbaatar's all
    Mongolia, its west and east ends too."""
    map_ = draw_map(
        [marker(*point)],
        name="site",
        caption="A site",
        kinds=[SITE],
        region=[country],
        highlight=[country],
    )

    assert holds_tinted_whole(map_.svg)


def test_a_map_of_several_countries_holds_them_all_whole():
    map_ = draw_map(
        [marker(*MOUNT_FUJI)],
        name="sites",
        caption="Sites",
        kinds=[SITE],
        region=["MNG", "KOR"],
        highlight=["MNG", "KOR"],
    )

    assert holds_tinted_whole(map_.svg)


def test_tinted_countries_are_only_those_asked_for():
    plain = draw_map([marker(*ULAANBAATAR)], name="sites", caption="Sites", kinds=[SITE])
    fitted = draw_map(
        [marker(*ULAANBAATAR)], name="sites", caption="Sites", kinds=[SITE], region=["MNG"]
    )

    assert tinted_bounds(plain.svg) is None
    assert tinted_bounds(fitted.svg) is None  # held whole, not tinted
    assert plain.svg != fitted.svg  # a lone point's region is smaller than Mongolia


latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False)


@hypothesis.settings(max_examples=200, deadline=None, database=None)
@hypothesis.given(st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=12))
@hypothesis.example([(0.0, 0.0), (4.0, 0.0), (-90.0, 0.0)])  # the South Pole, on the edge
@hypothesis.example([(0.0, 0.0), (0.0, 180.0), (0.0, -86.0)])  # the world's east edge
@hypothesis.example([(10.0, 179.9), (-10.0, -179.9)])  # either side of the 180th meridian
def test_any_points_anywhere_fit_in_their_view(points):
    view = base_map.fit(points)
    lat, lon = np.array(points).T
    x, y = view.to_svg(lon, lat)

    assert np.isfinite([view.left, view.right, view.bottom, view.top]).all()
    edge = 1e-6  # a point on the world's edge lands on the frame, give or take rounding
    assert (x >= -edge).all() and (x <= view.width + edge).all()
    assert (y >= -edge).all() and (y <= view.height + edge).all()


@hypothesis.settings(max_examples=20, deadline=None, database=None)
@hypothesis.given(
    centre=st.tuples(st.floats(-85, 85), longitudes),
    offsets=st.lists(st.tuples(st.floats(-3, 3), st.floats(-3, 3)), min_size=1, max_size=6),
)
def test_a_region_anywhere_gets_a_base_map(centre, offsets):
    """Around the poles and the 180th meridian too: outlines within the frame, no NaN."""
    points = [(centre[0] + a, (centre[1] + b + 180) % 360 - 180) for a, b in offsets]
    view = base_map.fit(points)
    base = base_map.base_map(view)

    for shape in base.shapes:
        left, bottom, right, top = shape.bounds
        assert left >= -50 and right <= view.width + 50
        assert bottom >= -50 and top <= view.height + 50
    assert all("nan" not in path for path in base.paths)


# --- Accuracy ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "country", "elsewhere"),
    [
        (GREAT_WALL, "CHN", "MNG"),
        (MOUNT_FUJI, "JPN", "KOR"),
        ((37.57, 126.99), "KOR", "PRK"),  # Jongmyo Shrine, Seoul
        ((47.48, 102.68), "MNG", "CHN"),  # Orkhon Valley
    ],
)
def test_known_sites_fall_inside_their_country_on_the_map(point, country, elsewhere):
    """Projected as the map projects them, onto the simplified outlines it draws."""
    view = base_map.fit(EAST_ASIA)
    base = base_map.base_map(view)
    x, y = view.to_svg(point[1], point[0])

    assert base.shape_of(country).contains(shapely.Point(x, y))
    assert not base.shape_of(elsewhere).contains(shapely.Point(x, y))


def test_simplified_outlines_stay_within_a_pixel_of_natural_earth():
    view = base_map.fit(EAST_ASIA)
    base = base_map.base_map(view)
    source = base_map.boundaries()
    japan = source.shapes[source.codes.index("JPN")]
    exact = shapely.transform(japan, lambda xy: np.column_stack(view.to_svg(*xy.T)))
    drawn = base.shape_of("JPN")

    # Islands under a square pixel are left out; everything drawn is within 1 px (10 units).
    assert exact.buffer(10).contains(drawn)
    assert drawn.area == pytest.approx(exact.area, rel=0.02)


# --- Base maps and their cache -------------------------------------------------------------


def test_base_map_is_computed_once_per_view():
    base_map.base_map.cache_clear()
    first = east_asia_map()
    # Another filter of the same region: a few points less, the same rounded view.
    second = east_asia_map([*EAST_ASIA[:-1], (22.0, 101.1)])

    assert base_map.base_map.cache_info().misses == 1
    assert base_map.base_map.cache_info().hits == 1
    land = re.compile(r'<path class="map__land" d="[^"]+"/>')
    assert land.search(first.svg).group() == land.search(second.svg).group()


def test_the_same_places_are_fitted_once(monkeypatch):
    """A page drawn again (or its next page, with the same places) finds its view kept."""
    fitted = []
    monkeypatch.setattr(
        base_map, "fit", lambda points, **kw: fitted.append(points) or FIT(points, **kw)
    )
    fitted_view.cache_clear()

    first = east_asia_map(region=["CHN"])
    again = east_asia_map(region=["CHN"])
    elsewhere = east_asia_map([(35.36, 138.73)], region=["JPN"])

    assert len(fitted) == 2
    assert again.svg == first.svg
    assert elsewhere.svg != first.svg


def test_east_asia_map_is_small():
    markers = [
        marker(lat, lon, f"A site with a long name, number {n}", f"/sites/a-site-{n}/")
        for n, (lat, lon) in enumerate(
            np.random.default_rng(1).uniform([22, 92], [50, 145], size=(500, 2)).tolist()
        )
    ]
    map_ = draw_map(markers, name="sites", caption="Sites", kinds=[SITE])

    assert map_.count == 500
    assert len(gzip.compress(map_.svg.encode())) < 150 * 1024
    assert len(east_asia_map().svg.encode()) < 150 * 1024  # the base map alone, raw


# --- The SVG -------------------------------------------------------------------------------


def test_every_marker_is_a_link_named_by_its_title_and_nothing_is_styled_inline():
    map_ = east_asia_map()

    links = re.findall(
        r'<a href="([^"]+)" transform="translate\(-?\d+ -?\d+\)"><title>([^<]+)</title>', map_.svg
    )
    assert len(links) == len(EAST_ASIA) == map_.count
    assert ("/sites/site-0/", "Site 0") in links
    assert "style" not in map_.svg
    assert "<script" not in map_.svg
    assert 'aria-hidden="true"' in map_.svg  # the base map is decoration


def test_labels_and_urls_are_escaped():
    map_ = draw_map(
        [marker(40, 116, 'Tom & "Jerry" <script>', '/sites/x/?a=1&b="2"')],
        name="sites",
        caption="Sites",
        kinds=[SITE],
    )

    assert "<title>Tom &amp; &quot;Jerry&quot; &lt;script&gt;</title>" in map_.svg
    assert 'href="/sites/x/?a=1&amp;b=&quot;2&quot;"' in map_.svg


def test_markers_on_one_spot_are_set_apart_in_a_ring():
    seoul = (Decimal("37.5665"), Decimal("126.9780"))
    markers = [marker(*seoul, f"Event {n}", f"/events/e-{n}/") for n in range(3)]
    map_ = draw_map(markers, name="events", caption="Events", kinds=[SITE])

    places = re.findall(r"translate\((-?\d+) (-?\d+)\)", map_.svg)
    assert len(set(places)) == 3
    xs, ys = zip(*((int(x), int(y)) for x, y in places), strict=True)
    assert max(xs) - min(xs) < 300 and max(ys) - min(ys) < 300  # still around Seoul


def test_markers_that_would_hide_each_other_are_set_apart_and_others_stay():
    """An event at its site, a few kilometres apart, no longer one under the other."""
    markers = [
        marker(47.1975, 102.8238, "An event", "/events/e/"),
        marker(47.2, 102.85, "Its site", "/sites/s/"),
        marker(*MOUNT_FUJI, "Far away", "/sites/f/"),
    ]
    map_ = draw_map(markers, name="event", caption="Event", kinds=[SITE])
    view = base_map.fit([(m.latitude, m.longitude) for m in markers], min_span=1600.0)

    places = [tuple(map(int, p)) for p in re.findall(r"translate\((-?\d+) (-?\d+)\)", map_.svg)]
    assert math.dist(places[0], places[1]) >= OVERLAP
    fuji = view.to_svg(MOUNT_FUJI[1], MOUNT_FUJI[0])
    assert places[2] == (round(float(fuji[0])), round(float(fuji[1])))


def test_legend_counts_each_kind_in_order():
    markers = [marker(40, 116, kind=OTHER), marker(35, 138), marker(37, 127)]
    map_ = draw_map(markers, name="sites", caption="Sites", kinds=[SITE, OTHER])

    assert [(entry.kind.key, entry.count) for entry in map_.legend] == [("site", 2), ("other", 1)]
    assert map_.svg.index("map__pts--site") < map_.svg.index("map__pts--other")
    single = draw_map(markers[1:], name="sites", caption="Sites", kinds=[SITE])
    assert single.legend == []  # one kind needs no legend
