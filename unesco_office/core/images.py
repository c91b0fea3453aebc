"""Uploaded images: strict validation, re-encoding and renditions.

Django's stock ImageField trusts the file name and Pillow's header check. Here an upload is
fully decoded before it is accepted, its real format must match its extension, and what is
stored is a fresh encoding without metadata under a random name.
"""

import io
import uuid
import warnings
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# The widths of the WebP versions pages show (never enlarged), and the longest side WebP holds.
RENDITION_WIDTHS = (480, 960, 1600)
WEBP_MAX_SIDE = 16383
# EXIF orientations that turn the picture a quarter: its upright width is its stored height.
QUARTER_TURNS = {5, 6, 7, 8}
# Real format -> extensions that may carry it.
FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
# Pillow's names for variants of an accepted format. Phone cameras write MPO: a JPEG followed
# by further pictures (depth map, gain map); the first picture is the photo.
FORMAT_ALIASES = {"MPO": "JPEG"}
# Image.info keys that survive re-encoding: transparency, colour profile and animation timing.
# Everything else (EXIF, GPS, XMP, JPEG comments, PNG text) is dropped. Frames are stored fully
# composited, so the source's frame disposal and blending do not apply to them.
KEPT_INFO = {"transparency", "icc_profile", "duration", "loop", "background"}
ACCEPT = ",".join(f".{ext}" for exts in FORMATS.values() for ext in exts)
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 4},
}


def _fail(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def inspect_image(file):
    """Check an uploaded file and return its real format; raise ValidationError otherwise.

    The pixel budget is checked from the header before anything is decoded, then every
    frame is decoded, so a decompression bomb is refused cheaply and a truncated file is
    caught.
    """
    extension = _checked_name_and_size(file)
    file.seek(0)
    data = file.read()
    try:
        # Pillow warns (and refuses above twice its limit) while reading the header of a very
        # large image; the budget below is stricter and gives the person a precise answer.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            real_format = _checked_format(image, extension)
            _check_pixels(image)
            for frame in ImageSequence.Iterator(image):
                frame.load()
            _check_renditions(image)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        _fail(_("This image declares more pixels than can be safely decoded."), "too_many_pixels")
    except UnidentifiedImageError:
        if _looks_like_svg(data):
            _fail(
                _(
                    "This file is an SVG drawing, which may carry scripts: upload a JPEG, PNG or "
                    "WebP image."
                ),
                "svg",
            )
        _fail(
            _("This file is not an image: upload a JPEG, PNG or WebP image."),
            "not_an_image",
        )
    except (OSError, SyntaxError, ValueError, EOFError):
        _fail(
            _("This image is damaged or incomplete: it could not be fully decoded."),
            "undecodable",
        )
    finally:
        file.seek(0)
    return real_format


def _checked_name_and_size(file):
    """The file's extension, once its size and its name's extension are acceptable."""
    size = file.size
    if size is not None and size > MAX_BYTES:
        _fail(
            _("This file is %(size)s; images may be at most %(limit)s."),
            "file_too_large",
            size=filesizeformat(size),
            limit=filesizeformat(MAX_BYTES),
        )
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    if not extension:
        _fail(
            _("This file name has no extension: upload a .jpg, .png or .webp image."),
            "no_extension",
        )
    if extension not in {ext for exts in FORMATS.values() for ext in exts}:
        _fail(
            _("“.%(extension)s” files are not accepted: upload a JPEG, PNG or WebP image."),
            "extension",
            extension=extension,
        )
    return extension


def _checked_format(image, extension):
    """The image's real format, once it is accepted and its file name says it."""
    real_format = FORMAT_ALIASES.get(image.format, image.format)
    if real_format not in FORMATS:
        _fail(
            _("This file is a %(format)s image: upload a JPEG, PNG or WebP image."),
            "format",
            format=image.format,
        )
    if extension not in FORMATS[real_format]:
        _fail(
            _("This file is a %(format)s image but its name ends in “.%(extension)s”."),
            "extension_mismatch",
            format=real_format,
            extension=extension,
        )
    return real_format


def _check_pixels(image):
    width, height = image.size
    frames = getattr(image, "n_frames", 1)
    if width * height * frames > MAX_PIXELS:
        _fail(
            _(
                "This image is %(width)s × %(height)s pixels × %(frames)s frame(s), "
                "more than the %(limit)s megapixels allowed."
            ),
            "too_many_pixels",
            width=width,
            height=height,
            frames=frames,
            limit=MAX_PIXELS // 1_000_000,
        )


def rendition_sizes(width, height):
    """(width, height) of each WebP version of an upright image of `width` × `height`, as
    pilkit's ResizeToFit makes them: fitted to each of RENDITION_WIDTHS, never enlarged."""
    return [
        (target, round(height * target / width)) if width > target else (width, height)
        for target in RENDITION_WIDTHS
    ]


def _check_renditions(image):
    """Refuse a shape so long and thin that a version pages show would be under one pixel on
    a side (40000 × 1: no WebP can be made of it) or longer than WebP allows."""
    width, height = image.size
    # Read from what decoding found (a PNG may keep its EXIF after the pixels): re-encoding
    # turns the picture upright before the versions are made.
    if _orientation(image) in QUARTER_TURNS:
        width, height = height, width
    for rendition_width, rendition_height in rendition_sizes(width, height):
        if not (1 <= rendition_height <= WEBP_MAX_SIDE):
            _fail(
                _(
                    "This image is %(width)s × %(height)s pixels, too long and thin for the "
                    "web: one of its versions would be %(rendition_width)s × "
                    "%(rendition_height)s pixels, and each side must be 1 to %(limit)s pixels. "
                    "Crop it to a less extreme shape."
                ),
                "extreme_shape",
                width=width,
                height=height,
                rendition_width=rendition_width,
                rendition_height=rendition_height,
                limit=WEBP_MAX_SIDE,
            )


def _orientation(image):
    """The EXIF orientation of a decoded image, if it has one that can be read."""
    exif = Image.Exif()
    try:
        exif.load(image.info.get("exif") or b"")
    except (OSError, SyntaxError, ValueError):
        return None
    return exif.get(0x0112)


def _looks_like_svg(data):
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head)


def _bare(frame):
    """A copy of `frame` upright, keeping only the information listed in KEPT_INFO."""
    upright = ImageOps.exif_transpose(frame.copy())
    upright.info = {key: value for key, value in frame.info.items() if key in KEPT_INFO}
    return upright


def reencode(data, real_format):
    """Decode `data` and encode it again: upright, without EXIF, GPS or other metadata.

    `real_format` is what `inspect_image` returned. A JPEG keeps its first picture only (the
    photo of an MPO); PNG and WebP keep their animation frames and timings.
    """
    with Image.open(io.BytesIO(data)) as image:
        frames = [_bare(frame) for frame in ImageSequence.Iterator(image)]
    if real_format == "JPEG":
        frames = frames[:1]
        if frames[0].mode not in {"RGB", "L"}:
            # The colour profile described the old mode; it would be wrong for the new one.
            frames[0] = frames[0].convert("RGB")
            frames[0].info.pop("icc_profile", None)
    first = frames[0]
    options = dict(SAVE_OPTIONS[real_format])
    if len(frames) > 1:
        options |= {"save_all": True, "append_images": frames[1:]}
        durations = [frame.info.get("duration") for frame in frames]
        if None not in durations:
            options["duration"] = durations
        if "loop" in first.info:
            options["loop"] = first.info["loop"]
    if "icc_profile" in first.info:
        options["icc_profile"] = first.info["icc_profile"]
    output = io.BytesIO()
    first.save(output, format=real_format, **options)
    return output.getvalue()


def random_image_name(instance, filename):
    """Stored names say nothing about the uploader's file; the extension is canonical."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    extension = "jpg" if extension == "jpeg" else extension
    return f"images/{instance._meta.model_name}/{uuid.uuid4().hex}.{extension}"


class ImageFormField(forms.FileField):
    """Accepts only what `inspect_image` accepts, each refusal with its own message."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        inspect_image(upload)
        return upload


class ImageField(models.ImageField):
    """An ImageField whose new files are validated, re-encoded and renamed before storage."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", random_image_name)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        """As Django's ImageField: a migration describes the column, which is all it needs;
        the checks, re-encoding and file names are this class's, so no migration imports
        this module."""
        name, _path, args, kwargs = super().deconstruct()
        kwargs["upload_to"] = ""
        return name, "django.db.models.ImageField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            real_format = inspect_image(file)
            file.seek(0)
            # The content needs a name: Django reads width_field/height_field from it, and
            # from a nameless file it would store NULL (then re-open the image on every load).
            content = ContentFile(reencode(file.read(), real_format), name=file.name)
            file.save(file.name, content, save=False)
        return file
