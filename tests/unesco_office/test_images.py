"""Uploaded images: what is refused (each with its own message), and what is stored.

Every file here is generated with Pillow while the tests run; none is committed.
"""

import functools
import hashlib
import io
import os
import re
import time
import warnings

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from modeltranslation.utils import get_translation_fields
from PIL import Image, ImageFile, PngImagePlugin

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
    image_file,
)
from unesco_office.core.images import MAX_BYTES, MAX_PIXELS, inspect_image

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
STORED_NAME = re.compile(r"images/sector/[0-9a-f]{32}\.(jpg|png|webp)")


# --- the corpus -------------------------------------------------------------------------


def encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def photo(size=(64, 48)):
    """A small picture with some detail, so that encoders have real work to do."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((0, 119, 212), (0, 0, size[0] // 2, size[1]))
    return image


def jpeg(size=(64, 48)):
    return encode(photo(size), "JPEG", quality=90)


def png():
    return encode(photo(), "PNG")


def webp():
    return encode(photo(), "WEBP")


@functools.cache
def bomb_png():
    """12,000 x 12,000 one-bit pixels, all zero: about 17 KB on disk, 144 Mpx decoded."""
    return encode(Image.new("1", (12_000, 12_000)), "PNG", optimize=True)


@functools.cache
def animated_webp_over_budget():
    """Two 4,500 x 4,500 frames: each is 20.25 Mpx (allowed), together 40.5 Mpx."""
    frames = [Image.new("RGB", (4500, 4500), colour) for colour in [(255, 0, 0), (0, 0, 255)]]
    return encode(
        frames[0], "WEBP", save_all=True, append_images=frames[1:], lossless=True, method=0
    )


def gif_60_frames():
    frames = [Image.new("RGB", (32, 32), (4 * index, 0, 255 - 4 * index)) for index in range(60)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:])


def truncated(data):
    return data[: len(data) // 2]


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48">'
    b"<script>alert(document.cookie)</script></svg>"
)

EXTENSIONS_REFUSED = "files are not accepted: upload a JPEG, PNG or WebP image."
OVER_BUDGET = "more than the 40 megapixels allowed."
UNDECODABLE = "This image is damaged or incomplete: it could not be fully decoded."

# id: (uploaded name, bytes, error code, the message the person reads)
REFUSED = {
    "bomb_png_144_megapixels": (
        "aerial.png",
        bomb_png,
        "too_many_pixels",
        f"This image is 12000 × 12000 pixels × 1 frame(s), {OVER_BUDGET}",
    ),
    "animated_webp_frames_over_budget": (
        "animation.webp",
        animated_webp_over_budget,
        "too_many_pixels",
        f"This image is 4500 × 4500 pixels × 2 frame(s), {OVER_BUDGET}",
    ),
    "truncated_jpeg": (
        "photo.jpg",
        lambda: truncated(jpeg((640, 480))),
        "undecodable",
        UNDECODABLE,
    ),
    "truncated_png": ("photo.png", lambda: truncated(png()), "undecodable", UNDECODABLE),
    "png_named_jpg": (
        "photo.jpg",
        png,
        "extension_mismatch",
        "This file is a PNG image but its name ends in “.jpg”.",
    ),
    "jpeg_named_webp": (
        "photo.webp",
        jpeg,
        "extension_mismatch",
        "This file is a JPEG image but its name ends in “.webp”.",
    ),
    "gif_60_frames": ("animation.gif", gif_60_frames, "extension", f"“.gif” {EXTENSIONS_REFUSED}"),
    "gif_60_frames_named_png": (
        "animation.png",
        gif_60_frames,
        "format",
        "This file is a GIF image: upload a JPEG, PNG or WebP image.",
    ),
    "bmp": (
        "scan.bmp",
        lambda: encode(photo(), "BMP"),
        "extension",
        f"“.bmp” {EXTENSIONS_REFUSED}",
    ),
    "bmp_named_png": (
        "scan.png",
        lambda: encode(photo(), "BMP"),
        "format",
        "This file is a BMP image: upload a JPEG, PNG or WebP image.",
    ),
    "tiff_named_jpg": (
        "scan.jpg",
        lambda: encode(photo(), "TIFF"),
        "format",
        "This file is a TIFF image: upload a JPEG, PNG or WebP image.",
    ),
    "over_10_mb": (
        "huge.jpg",
        lambda: os.urandom(11 * 1024 * 1024),
        "file_too_large",
        "This file is 11.0\xa0MB; images may be at most 10.0\xa0MB.",
    ),
    "text_named_png": (
        "notes.png",
        lambda: b"Agenda of the meeting\n" * 20,
        "not_an_image",
        "This file is not an image: upload a JPEG, PNG or WebP image.",
    ),
    "svg_named_png": (
        "logo.png",
        lambda: SVG,
        "svg",
        "This file is an SVG drawing, which may carry scripts: upload a JPEG, PNG or WebP image.",
    ),
    "empty_file": ("empty.jpg", lambda: b"", "empty", "The submitted file is empty."),
    "png_40000_by_1": (
        "strip.png",
        lambda: encode(Image.new("L", (40000, 1)), "PNG"),
        "extreme_shape",
        "This image is 40000 × 1 pixels, too long and thin for the web: one of its versions "
        "would be 480 × 0 pixels, and each side must be 1 to 16383 pixels. Crop it to a less "
        "extreme shape.",
    ),
    "png_1_by_20000": (
        "ribbon.png",
        lambda: encode(Image.new("L", (1, 20000)), "PNG"),
        "extreme_shape",
        "This image is 1 × 20000 pixels, too long and thin for the web: one of its versions "
        "would be 1 × 20000 pixels, and each side must be 1 to 16383 pixels. Crop it to a less "
        "extreme shape.",
    ),
    "no_extension": (
        "photo",
        jpeg,
        "no_extension",
        "This file name has no extension: upload a .jpg, .png or .webp image.",
    ),
}


# --- helpers ------------------------------------------------------------------------------


def media_files():
    """Every file under MEDIA_ROOT with a digest of its content."""
    root = settings.MEDIA_ROOT
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def renditions():
    """The rendition files that exist on disk (a rendition is never generated by listing)."""
    return sorted((settings.MEDIA_ROOT / "renditions").rglob("*.webp"))


def sector_form_data(sector):
    """What the admin change form of `sector` posts when saved as it is shown."""
    published_at = timezone.localtime(sector.published_at)
    texts = {  # one field per language: name_en, name_fr, name_zh_hans…
        name: getattr(sector, name) or ""
        for name in get_translation_fields(
            "name", "tagline", "summary", "body", "image_alt", "image_caption"
        )
    }
    return texts | {
        "slug": sector.slug,
        "code": sector.code,
        "colour": sector.colour,
        "order": str(sector.order),
        "image_credit": sector.image_credit,
        "status": sector.status,
        "published_at_0": published_at.date().isoformat(),
        "published_at_1": published_at.time().isoformat(),
    }


def change_url(sector):
    return reverse("admin:sectors_sector_change", args=[sector.pk])


def upload_through_admin(client, sector, name, data, alt="Pupils in a classroom in Ulaanbaatar"):
    payload = sector_form_data(sector) | {
        "image": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
        "image_alt_en": alt,
    }
    return client.post(change_url(sector), payload)


def stored_row(sector):
    return Sector.objects.values().get(pk=sector.pk)


@pytest.fixture
def sector():
    return SectorFactory()


@pytest.fixture
def illustrated_sector():
    """A sector that already has a stored image and its renditions."""
    return SectorFactory(
        image=SimpleUploadedFile("existing.jpg", jpeg()), image_alt="Existing photo"
    )


# --- refusals -----------------------------------------------------------------------------


def test_the_corpus_is_what_it_claims_to_be():
    bomb = bomb_png()
    assert len(bomb) < 20_000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        assert Image.open(io.BytesIO(bomb)).size == (12_000, 12_000)
    animated = Image.open(io.BytesIO(animated_webp_over_budget()))
    assert animated.n_frames == 2
    assert animated.width * animated.height <= MAX_PIXELS < animated.width * animated.height * 2
    assert Image.open(io.BytesIO(gif_60_frames())).n_frames == 60
    assert Image.open(io.BytesIO(encode(photo(), "TIFF"))).format == "TIFF"
    with pytest.raises(OSError, match="truncated"):
        Image.open(io.BytesIO(truncated(jpeg((640, 480))))).load()


@pytest.mark.parametrize(("name", "make", "code", "message"), REFUSED.values(), ids=REFUSED)
def test_refused_upload_shows_its_own_message_and_changes_nothing(
    publisher_client, illustrated_sector, name, make, code, message
):
    files_before = media_files()
    assert len(files_before) == 1 + len(Sector.RENDITION_WIDTHS)  # the photo already there
    row_before = stored_row(illustrated_sector)

    response = upload_through_admin(publisher_client, illustrated_sector, name, make())

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [error.code for error in form.errors.as_data()["image"]] == [code]
    assert form.errors["image"] == [message]
    assert escape(message) in response.text
    assert set(form.errors) == {"image"}
    assert stored_row(illustrated_sector) == row_before
    assert media_files() == files_before


def test_the_longest_and_thinnest_shapes_accepted_get_their_renditions(publisher_client, sector):
    # 959 by 1 makes a version 480 by 0.5005, rounded to 1 pixel (960 by 1 rounds to 0); 1 by
    # 16383 is as long as WebP holds.
    for size in [(959, 1), (1, 16383)]:
        response = upload_through_admin(
            publisher_client, sector, "strip.png", encode(Image.new("L", size), "PNG")
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        sector.refresh_from_db()
        assert (sector.image_width, sector.image_height) == size
        for _width, rendition in sector.renditions:
            with Image.open(rendition.file) as made:
                assert min(made.size) >= 1 and max(made.size) <= 16383


def test_a_shape_is_judged_upright_as_its_exif_turns_it():
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter: stored 1 by 2000, shown 2000 by 1
    upload = SimpleUploadedFile("pole.jpg", encode(Image.new("RGB", (1, 2000)), "JPEG", exif=exif))

    with pytest.raises(ValidationError) as refusal:
        inspect_image(upload)

    assert refusal.value.code == "extreme_shape"
    assert refusal.value.params["width"] == 2000


def test_refusals_each_have_a_distinct_message():
    cases_by_message = {}
    for case, (_name, _make, _code, message) in REFUSED.items():
        cases_by_message.setdefault(message, []).append(case)

    # Only the same situation (a file cut short, whatever its format) shares a message.
    shared = {message: cases for message, cases in cases_by_message.items() if len(cases) > 1}
    assert shared == {UNDECODABLE: ["truncated_jpeg", "truncated_png"]}


def test_the_bomb_is_refused_from_its_header_without_being_decoded(monkeypatch):
    decoded = []
    original_load = ImageFile.ImageFile.load

    def counting_load(image):
        decoded.append(image.size)
        return original_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    upload = SimpleUploadedFile("aerial.png", bomb_png())

    started = time.perf_counter()
    with pytest.raises(ValidationError) as refusal:
        inspect_image(upload)
    elapsed = time.perf_counter() - started

    assert refusal.value.code == "too_many_pixels"
    assert decoded == []
    assert elapsed < 0.25
    # The same counter sees the decoding of a file that is accepted.
    inspect_image(SimpleUploadedFile("photo.png", png()))
    assert decoded == [(64, 48)]


def test_animated_frames_are_counted_from_the_header_too(monkeypatch):
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: pytest.fail("decoded"))

    with pytest.raises(ValidationError) as refusal:
        inspect_image(SimpleUploadedFile("animation.webp", animated_webp_over_budget()))

    assert refusal.value.code == "too_many_pixels"


def test_the_size_limit_is_inclusive():
    base = png()
    padding = MAX_BYTES - len(base)  # PNG readers ignore bytes after the IEND chunk

    assert inspect_image(SimpleUploadedFile("photo.png", base + b"\0" * padding)) == "PNG"
    with pytest.raises(ValidationError) as refusal:
        inspect_image(SimpleUploadedFile("photo.png", base + b"\0" * (padding + 1)))
    assert refusal.value.code == "file_too_large"


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("aerial.png", bomb_png),
        ("photo.jpg", lambda: truncated(jpeg((640, 480)))),
        ("photo.jpg", png),
        ("animation.gif", gif_60_frames),
    ],
    ids=["bomb", "truncated_jpeg", "png_named_jpg", "gif_60_frames"],
)
def test_djangos_stock_image_field_would_have_accepted_it(name, make):
    """Why the project has its own field: the stock one checks only the header."""
    upload = SimpleUploadedFile(name, make())
    with warnings.catch_warnings():
        # Production settings leave Pillow's bomb warning a warning, as here.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        assert forms.ImageField().clean(upload)

    with pytest.raises(ValidationError):
        inspect_image(SimpleUploadedFile(name, make()))


def test_the_orm_path_validates_too():
    sector = Sector(name="Culture", slug="culture", code="CLT", image_alt="A photo")
    sector.image = SimpleUploadedFile("photo.jpg", png())

    with pytest.raises(ValidationError) as refusal, transaction.atomic():
        sector.save()

    assert refusal.value.code == "extension_mismatch"
    assert not Sector.objects.exists()
    assert media_files() == {}


# --- what is stored -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "extension", "image_format"),
    [
        ("Summer school 2026 (final).JPEG", jpeg, "jpg", "JPEG"),
        ("photo.jpg", jpeg, "jpg", "JPEG"),
        ("Diagram.PNG", png, "png", "PNG"),
        ("poster.webp", webp, "webp", "WEBP"),
    ],
)
def test_accepted_upload_is_stored_re_encoded_under_a_random_name_with_renditions(
    publisher_client, sector, name, make, extension, image_format
):
    uploaded = make()

    response = upload_through_admin(publisher_client, sector, name, uploaded)

    assert response.status_code == 302
    row = stored_row(sector)
    assert STORED_NAME.fullmatch(row["image"])
    assert row["image"].endswith(f".{extension}")
    assert name.rsplit(".", 1)[0].lower() not in row["image"].lower()
    assert (row["image_width"], row["image_height"]) == (64, 48)  # stored, not recomputed
    stored = settings.MEDIA_ROOT / row["image"]
    assert stored.read_bytes() != uploaded  # a fresh encoding, not the uploaded bytes
    with Image.open(stored) as image:
        assert image.format == image_format
    # Renditions were generated by the save itself: nothing has asked for them yet.
    files = renditions()
    assert len(files) == len(Sector.RENDITION_WIDTHS)
    for path in files:
        with Image.open(path) as rendition:
            assert rendition.format == "WEBP"
    sector.refresh_from_db()
    assert {
        settings.MEDIA_ROOT / spec.name
        for spec in (sector.image_small, sector.image_medium, sector.image_large)
    } == set(files)


def test_two_uploads_of_the_same_file_get_different_names(publisher_client):
    first, second = SectorFactory(), SectorFactory()
    for sector in (first, second):
        upload_through_admin(publisher_client, sector, "photo.jpg", jpeg())

    assert stored_row(first)["image"] != stored_row(second)["image"]


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x0110] = "Model X100"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (47.0, 55.0, 12.5), 3: "E", 4: (106.0, 55.0, 3.0)})
    return exif


def assert_no_metadata(path):
    data = path.read_bytes()
    with Image.open(path) as image:
        exif = image.getexif()
        assert len(exif) == 0
        assert exif.get_ifd(GPS_IFD) == {}
        assert not {"exif", "xmp", "comment", "Author"} & set(image.info)
    for secret in (b"Exif\0\0", b"CameraMaker", b"Model X100", b"Taken at home", b"xmpmeta"):
        assert secret not in data


@pytest.mark.parametrize(
    ("name", "image_format", "options"),
    [
        (
            "photo.jpg",
            "JPEG",
            {
                "comment": b"Taken at home",
                "xmp": b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Taken at home</x:xmpmeta>',
            },
        ),
        ("photo.png", "PNG", {}),
        ("photo.webp", "WEBP", {}),
    ],
)
def test_exif_and_gps_are_not_stored(publisher_client, sector, name, image_format, options):
    if image_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Taken at home")
        options = {"pnginfo": text}
    data = encode(photo(), image_format, exif=exif_with_gps(), **options)
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the upload really carries a position

    response = upload_through_admin(publisher_client, sector, name, data)

    assert response.status_code == 302
    assert_no_metadata(settings.MEDIA_ROOT / stored_row(sector)["image"])
    for path in renditions():
        assert_no_metadata(path)


def test_a_photo_taken_on_its_side_is_stored_upright(publisher_client, sector):
    # As a camera held sideways stores it: 64 x 48 pixels, left half blue, and an EXIF
    # orientation of 6 ("rotate 90° clockwise to view").
    raw = Image.new("RGB", (64, 48), (255, 255, 255))
    raw.paste((0, 0, 255), (0, 0, 32, 48))
    exif = Image.Exif()
    exif[ORIENTATION] = 6

    response = upload_through_admin(
        publisher_client, sector, "sideways.jpg", encode(raw, "JPEG", exif=exif, quality=95)
    )

    assert response.status_code == 302
    row = stored_row(sector)
    assert (row["image_width"], row["image_height"]) == (48, 64)
    with Image.open(settings.MEDIA_ROOT / row["image"]) as stored:
        assert stored.size == (48, 64)
        assert ORIENTATION not in stored.getexif()
        top, bottom = stored.convert("RGB").getpixel((24, 8)), stored.getpixel((24, 56))
    assert top[2] > 200 and top[0] < 60  # the blue half is now on top
    assert min(bottom) > 200


def test_a_phone_mpo_jpeg_is_accepted_as_its_first_picture(publisher_client, sector):
    depth_map = Image.new("L", (32, 24))
    data = encode(photo(), "MPO", save_all=True, append_images=[depth_map])
    with Image.open(io.BytesIO(data)) as original:
        assert (original.format, original.n_frames) == ("MPO", 2)

    response = upload_through_admin(publisher_client, sector, "IMG_0042.JPG", data)

    assert response.status_code == 302
    with Image.open(settings.MEDIA_ROOT / stored_row(sector)["image"]) as stored:
        assert (stored.format, getattr(stored, "n_frames", 1), stored.size) == ("JPEG", 1, (64, 48))


@pytest.mark.parametrize(("name", "image_format"), [("banner.webp", "WEBP"), ("banner.png", "PNG")])
def test_an_animation_within_budget_keeps_its_frames_and_timing(
    publisher_client, sector, name, image_format
):
    frames = [Image.new("RGB", (64, 48), colour) for colour in ["red", "green", "blue"]]
    data = encode(
        frames[0], image_format, save_all=True, append_images=frames[1:], duration=200, loop=3
    )

    response = upload_through_admin(publisher_client, sector, name, data)

    assert response.status_code == 302
    with Image.open(settings.MEDIA_ROOT / stored_row(sector)["image"]) as stored:
        assert (stored.format, stored.n_frames) == (image_format, 3)
        stored.load()  # WebP reports a frame's duration once the frame is read
        assert (stored.info["duration"], stored.info["loop"]) == (200, 3)
        stored.seek(2)
        assert stored.convert("RGB").getpixel((10, 10))[2] > 200  # the last frame is blue


# --- alt text -----------------------------------------------------------------------------


def test_an_image_without_alt_text_is_refused_by_the_form(publisher_client, sector):
    row_before = stored_row(sector)

    response = upload_through_admin(publisher_client, sector, "photo.jpg", jpeg(), alt="  ")

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Alt text is required when an image is set." in form.errors["image_alt_en"]
    assert form.errors["image"] == [
        "Not saved: choose the file again once the other fields are corrected."
    ]
    assert stored_row(sector) == row_before
    assert media_files() == {}


def test_the_database_refuses_an_image_without_alt_text():
    sector = SectorFactory()
    sector.image = SimpleUploadedFile("photo.jpg", jpeg())
    sector.image_alt = ""

    with pytest.raises(IntegrityError), transaction.atomic():
        sector.save()


# --- renditions for every illustrated model ------------------------------------------------


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Sector, SectorFactory),
        (Country, CountryFactory),
        (Site, SiteFactory),
        (Centre, CentreFactory),
        (Event, EventFactory),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_renditions_are_generated_when_any_illustrated_record_is_saved(model, factory):
    record = factory(image=SimpleUploadedFile("photo.jpg", jpeg((1200, 800))), image_alt="A photo")

    files = renditions()
    widths = set()
    for path in files:
        with Image.open(path) as rendition:
            widths.add(rendition.width)
    assert len(files) == 3
    assert widths == {480, 960, 1200}
    assert all(str(path).find(f"images/{model._meta.model_name}/") > 0 for path in files)
    assert model.objects.get(pk=record.pk).image_small.name in {
        str(path.relative_to(settings.MEDIA_ROOT)) for path in files
    }


def test_the_admin_form_tells_the_browser_what_it_accepts(publisher_client, sector):
    response = publisher_client.get(change_url(sector))

    assert 'accept=".jpg,.jpeg,.png,.webp"' in response.text


def test_pages_never_make_renditions_while_they_are_served(client):
    sector = SectorFactory(image=image_file(size=(1200, 800)), image_alt="Classroom")
    rendition = settings.MEDIA_ROOT / sector.image_small.name
    assert rendition.exists()
    rendition.unlink()

    for url in [reverse("home"), reverse("sectors:list"), sector.get_absolute_url()]:
        assert sector.image_small.url in client.get(url).text

    assert not rendition.exists()
