"""Hostile input to every admin form and every import, as editors and publishers use them.

Hypothesis replaces fields of each add and change form, as the form is shown, with what a
careless or hostile person may send: control characters and NUL, odd Unicode (direction
marks, joiners, combining marks, noncharacters), 10,000-character strings, numbers as text,
huge and negative numbers, impossible dates, wrong types for choices and related records,
several values for one field, missing fields, and files that are not what they claim. The
same for the rows and cells of every import format. Whatever is sent:

- the answer is never a server error (the test client raises it);
- a form that is refused, or previewed, changes nothing in the database and leaves no
  file behind;
- a record that is saved opens again, in the admin and on its public pages;
- a file that is refused, at the preview or at the confirmation, changes nothing, and no
  file stays in the upload folder once an import is refused, confirmed or cancelled.

Every example runs in a transaction rolled back at its end, so that each starts from the
same records. A value that a search found to fail, once fixed, gets a test of its own
where the rule it broke is tested.
"""

import csv
import datetime
import io
import itertools
import os
import struct
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import hypothesis
import openpyxl
import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import ERROR, SUCCESS
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from PIL import Image

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from tests.countries.test_world_heritage_parser import CURRENT_LAYOUT, ROWS, SHEET
from tests.factories import CentreFactory, CountryFactory, EventFactory, SectorFactory, SiteFactory
from tests.unesco_office.test_admin import admin_url
from tests.unesco_office.test_import_export import (
    confirm_data,
    csv_file,
    export,
    preview,
    problems,
    read,
    snapshot,
)
from unesco_office.core.cache import new_generation
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile, PromotedResult, SearchSynonym
from unesco_office.staff.imports import uploads

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = Publishable.Status.DRAFT, Publishable.Status.PUBLISHED
# Examples for each form as each role uses it, and for each import: 80 for each kind of
# record's forms and some 40 seconds for them all. More search further, and take longer.
# The same examples on every run (derandomize), so that a change is judged on what the last
# run judged; a search for new failures runs with more examples and derandomize off, and
# each value it finds gets a test of its own.
FUZZ = hypothesis.settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


# What is sent

# C0 and C1 controls (NUL, tab and line breaks among them), DEL and the Unicode line and
# paragraph separators; NUL and line breaks, the likeliest, more often.
CONTROLS = st.sampled_from(["\x00", "\n", "\r"]) | st.sampled_from(
    [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]] + ["\u2028", "\u2029"]
)
# Encodable in UTF-8 (a lone surrogate is not), and each awkward in its own way.
ODD = [
    # direction marks and overrides, joiners, invisible and soft characters
    "\u202e", "\u202d", "\u200f", "\u200e", "\u061c", "\u2066", "\u2069", "\u200b", "\u200d",
    "\ufeff", "\u00ad", "\u034f", "\u2060", "\u180e", "\u3000", "\u00a0", "\u2007",
    # combining marks, noncharacters, the last code point, tags, replacement character
    "\u0301", "e\u0301", "Z\u0336a\u0337l\u0338g\u0335o\u0489", "\ufffd", "\uffff", "\ufffe",
    "\U0010ffff", "\U000e0041", "\U0001fffe",
    # letters that change length or meaning when folded, numerals of other scripts
    "ß", "İ", "ı", "ﬃ", "ǅ", "Σ", "ς", "Ⅻ", "²", "½", "١٢٣", "１２３", "〇", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    # emoji sequences, scripts written right to left or without spaces
    "🏳️‍🌈", "👩🏽‍🔬", "🇺🇳", "ﷺ", "مرحبا", "שלום", "长城", "ᠮᠣᠩᠭᠣᠯ", "한국어", "Ꙭ",
    # markup, templates, format strings, injections, formulas, paths
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
    "javascript:alert(1)", "{{ request }}", "{% debug %}", "%s", "%(name)s", "{0}", "${x}",
    "'; DROP TABLE x; --", "\\", "'", '"', "`", "&amp;", "&#0;", "&#x110000;",
    '=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "../../etc/passwd", "C:\\con\\aux",
    "null", "None", "NaN", "true", " ", "  ",
]  # fmt: skip
SHORT_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
HUGE_TEXT = st.tuples(
    st.sampled_from(["a", "é", "字", "😀", "\u202e", " ", "<b>x</b>", "&amp;", "-", "\x00"]),
    st.sampled_from([31, 81, 121, 201, 301, 1_001, 10_001]),
).map(lambda pair: pair[0] * pair[1])
TEXTS = st.one_of(
    SHORT_TEXT,
    st.lists(st.sampled_from(ODD) | SHORT_TEXT, min_size=1, max_size=5).map("".join),
    st.tuples(SHORT_TEXT, st.text(CONTROLS, min_size=1, max_size=3), SHORT_TEXT).map("".join),
    HUGE_TEXT,
)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(str),  # nan, inf, -0.0, 1e+308
    st.decimals().map(str),  # sNaN, Infinity, 1E+999
    st.sampled_from(
        ["", " ", "0", "-0", "-1", "00001945", "1945.0", "1,945", "1_945", "1e3", "0x7a9", "١٩٩٠",
         "１９９０", "²", "½", "Ⅻ", "9" * 40, " 2000 ", "+2000", "--1", "1-", ".", "-", "e",
         "2000\u200b", str(2**63), str(-(2**63) - 1), str(2**31), "32768", "65536"]
    ),
)  # fmt: skip
DATES = st.one_of(
    st.dates().map(str),
    st.datetimes().map(str),
    st.times().map(str),
    st.sampled_from(
        ["0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "-0001-01-01", "2024-02-30",
         "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1", "1/2/2024", "31/12/2024",
         "2024-W01", "2024-001", "24:00", "23:59:60", "25:61", "12:00:00.9999999", "-1:00",
         "noon", "00:00:00+25:00", "２０２４-０１-０１", "١٩٩٠-٠١-٠١", "1e10", "9" * 30]
    ),
)  # fmt: skip
ANYTHING = st.one_of(TEXTS, NUMBERS, DATES)
URLS = st.sampled_from(
    ["javascript:alert(1)", "http://", "http://[::1", "http://[", "http://example.com:99999/",
     "http://例え.テスト/", "http://xn--/", "http://xn--zz.com", "http://" + "a" * 64 + ".com",
     "http://a." + "b" * 250 + ".com", "https://example.com/" + "x" * 10_000,
     "http://1.1.1.1.1", "http://256.0.0.1", "http://[::ffff:1.2.3.4]/", "https://ex ample.com",
     "http://example.com\x00", "//example.com", "ftp://example.com", "data:text/html,<b>",
     "http://@@", "http://:@", "http://a:b@c:d", "https://xn--ls8h.la/", "http://\u2488.com",
     "http://ß.de", "http://ex\u200bample.com", "http://-a-.com", "http://a..b", "https://.com",
     "http://%zz", "http://\u0080.com", "http://\u00ad.com", "https://example.com/\u202e"]
)  # fmt: skip
EMAILS = st.sampled_from(
    ["a@b", "@", "a@", "a@" + "b" * 300 + ".com", '"a b"@c.de', "ä@例え.jp", "a@[1.2.3.4]",
     "a@[IPv6:::1]", "a@b..com", "a@-b.com", "a" * 65 + "@b.com", "a@b.com\nBcc: x@y.z",
     "a@xn--.com", "a@\u2488.com"]
)  # fmt: skip
RICH = st.sampled_from(
    ["<p>x</p>", "<script>alert(1)</script>", "<p>" * 2000, "<a href='javascript:x'>x</a>",
     "<img src=x onerror=alert(1)>", "<!--", "<![CDATA[x]]>", "<p>\x00</p>", "<svg><script>",
     "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>", "<table><tr><td>x",
     "&#0;&#xD800;&#x110000;", "&nbsp;" * 500, "<b>" * 3000, "<p>a</p>" * 2000,
     "<p style='x:expression(alert(1))'>x</p>", "<h1><h2><h3>", "</p></p></div>"]
)  # fmt: skip
SLUGS = st.sampled_from(["a", "-", "a" * 201, "ß", "né", "a_b", "--", "new-one", "A-B"])
BOOLEANS = st.sampled_from(["on", "off", "", "false", "False", "0", "no", "1", "true"])
KEYS = st.sampled_from(
    ["", "0", "-1", "1.0", "1e1", "01", " 1", "1 ", "9" * 20, str(2**63), str(-(2**63) - 1),
     "1,2", "[1]", "abc", "1\x00", "１", "١"]
)  # fmt: skip
BAD_CHOICES = st.sampled_from(["", "DRAFT", "Published", "published ", "draft\x00", "0", "1"])


def png(width, height):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 119, 212)).save(out, format="PNG")
    return out.getvalue()


def picture(file_format, size=(64, 48)):
    out = io.BytesIO()
    Image.new("RGB", size, (0, 119, 212)).save(out, format=file_format)
    return out.getvalue()


def declaring(content, width, height):
    """A PNG whose header claims `width` × `height` pixels (a decompression bomb)."""
    header = struct.pack(">II", width, height) + content[24:29]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return content[:16] + header + crc + content[33:]


FILE_CONTENTS = [
    picture("JPEG"),
    picture("PNG"),
    picture("WEBP"),
    picture("GIF"),
    picture("BMP"),
    png(1, 1),
    png(40_000, 1),
    png(1, 20_000),
    declaring(png(1, 1), 100_000, 100_000),
    declaring(png(1, 1), 2**31 - 1, 1),
    picture("JPEG")[:200],
    b"",
    b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    b"%PDF-1.4\n",
    b"PK\x03\x04" + b"\x00" * 40,
]
FILE_NAMES = st.one_of(
    st.sampled_from(
        ["photo.jpg", "photo.png", "photo.webp", "photo.gif", "photo.svg", "photo", ".png",
         "photo.JPG", "photo.jpeg", "photo.jpg.exe", "photo.php.jpg", "../../photo.png",
         "a" * 300 + ".png", "фото.png", "写真.jpeg", "CON.png", " .png", "photo.png.",
         "photo\u202egnp.exe", "photo\x00.png", "pho\nto.png", 'pho"to.png', "photo;.png"]
    ),
    st.tuples(SHORT_TEXT, st.sampled_from([".jpg", ".png", ".webp", ""])).map("".join),
).filter(lambda name: os.path.basename(name) not in {"", ".", ".."})  # fmt: skip
FILES = st.tuples(FILE_NAMES, st.sampled_from(FILE_CONTENTS) | st.binary(max_size=300))


@dataclass(frozen=True)
class Slot:
    """A name the form reads from the POST, and what kind of value it expects."""

    key: str
    kind: str
    choices: tuple = ()


def slots_of(form):
    """Every name that `form` reads, with what it expects there."""
    slots = []
    for name, field in form.fields.items():
        key, widget = form.add_prefix(name), unwrapped(field.widget)
        if field.disabled:
            continue
        if isinstance(widget, forms.MultiWidget):
            kinds = ["date", "time"] if isinstance(field, forms.SplitDateTimeField) else ["text"]
            slots += [
                Slot(f"{key}{suffix}", kind)
                for suffix, kind in zip(widget.widgets_names, itertools.cycle(kinds))
            ]
        else:
            slots.append(Slot(key, *kind_of(field)))
    return slots


def unwrapped(widget):
    """The widget itself, without the admin's links to add or change a related record."""
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


# Form fields by the kind of value they expect, the first that matches.
KINDS = [
    (forms.FileField, "file"),
    (forms.ModelMultipleChoiceField, "many"),
    (forms.ModelChoiceField, "key"),
    (forms.ChoiceField, "choice"),
    (forms.BooleanField, "boolean"),
    (forms.IntegerField | forms.DecimalField | forms.FloatField, "number"),
    (forms.DateField | forms.DateTimeField, "date"),
    (forms.TimeField, "time"),
    (forms.URLField, "url"),
    (forms.EmailField, "email"),
    (forms.SlugField, "slug"),
]


def kind_of(field):
    """The kind of value `field` expects and, for a choice, the values it offers."""
    kind = next((kind for classes, kind in KINDS if isinstance(field, classes)), None)
    if kind in {"key", "many"}:
        return kind, tuple(str(pk) for pk in field.queryset.values_list("pk", flat=True))
    if kind == "choice":
        return kind, tuple(str(value) for value, _label in field.choices)
    if kind is None:
        # Text: of several lines (rich text among them) or of one.
        kind = "long" if isinstance(field.widget, forms.Textarea) else "text"
    return (kind,)


def shown_data(form):
    """The POST a person would send by saving `form` as it is shown, widget by widget (a
    date and time are two boxes; an unticked box sends nothing)."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled or isinstance(field, forms.FileField):
            continue
        bound, widget = form[name], unwrapped(field.widget)
        value = bound.value()
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for suffix, subwidget, part in zip(
                widget.widgets_names, widget.widgets, parts, strict=True
            ):
                data[f"{bound.html_name}{suffix}"] = subwidget.format_value(part) or ""
        elif not isinstance(widget, forms.CheckboxInput):
            data[bound.html_name] = shown_value(widget, value)
        elif value:
            data[bound.html_name] = "on"
    return data


def shown_value(widget, value):
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if value is None:
        return ""
    if isinstance(widget, forms.DateInput | forms.TimeInput | forms.DateTimeInput):
        return widget.format_value(value)
    return str(value)


def values_for(slot, keys):
    """What may be sent where `slot` is: what its kind of field expects, odd or wrong, or
    anything at all. `keys`: the primary keys of every record, of whatever kind."""
    known = st.sampled_from(slot.choices) if slot.choices else st.nothing()
    any_key = st.sampled_from(keys) | KEYS | NUMBERS
    expected = {
        "text": TEXTS,
        "long": RICH | TEXTS,
        "slug": SLUGS | TEXTS,
        "url": URLS | TEXTS,
        "email": EMAILS | TEXTS,
        "number": NUMBERS,
        "date": DATES,
        "time": DATES,
        "boolean": BOOLEANS,
        "choice": known | BAD_CHOICES,
        "key": known | any_key,
        "many": st.lists(known | any_key, max_size=4),
    }[slot.kind]
    return st.one_of(expected, ANYTHING)


@st.composite
def hostile_posts(draw, slots, base, keys, buttons):
    """`base` (a form as shown) with a few of its `slots` given hostile values, left out,
    sent several times or sent as a file, and one of the form's `buttons`."""
    data = dict(base)
    files = {}
    chosen = draw(st.lists(st.sampled_from(slots), min_size=1, max_size=4, unique=True))
    for slot in chosen:
        how = draw(st.sampled_from(["value", "value", "value", "missing", "several", "file"]))
        if slot.kind == "file" or how == "file":
            data.pop(slot.key, None)
            if how != "missing":
                files[slot.key] = draw(FILES)
        elif how == "missing":
            data.pop(slot.key, None)
        elif how == "several":
            data[slot.key] = draw(st.lists(values_for(slot, keys), min_size=2, max_size=3))
        else:
            data[slot.key] = draw(values_for(slot, keys))
    return data, files, draw(st.sampled_from(buttons))


# What is checked


# Every table of every model (the sessions aside), counted in one query.
COUNTED = [
    model._meta.db_table
    for model in apps.get_models()
    if model is not Session and model._meta.managed and not model._meta.proxy
]


def database_state(model, pk):
    """The record (every column and its many-to-many relations), if it exists, and how many
    rows every table holds."""
    record = None
    obj = model._base_manager.filter(pk=pk).first() if pk is not None else None
    if obj is not None:
        record = model._base_manager.filter(pk=pk).values().get()
        for field in model._meta.many_to_many:
            record[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    quote = connection.ops.quote_name
    # The models' own table names, quoted.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in COUNTED)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return record, dict(zip(COUNTED, cursor.fetchone(), strict=True))


@contextmanager
def rolled_back():
    """Whatever is written inside is undone at the end, and the pages cached meanwhile."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    new_generation()


def media_files():
    root = Path(django_settings.MEDIA_ROOT)
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}


def kept_uploads():
    return {path for path in media_files() if path.parts[0] == uploads.FOLDER}


def form_problems(response):
    context = response.context or {}
    errors = context.get("errors") or []
    return [str(error) for error in errors]


# The records every form is tried on


@pytest.fixture
def world(db):
    """Records of every kind, live and draft, related to each other, and the office's own."""
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    science = SectorFactory(
        name="Sciences", slug="sciences", code="SC", status=DRAFT, published_at=None
    )
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    japan = CountryFactory(
        name="Japan", slug="japan", iso2="JP", iso3="JPN", status=DRAFT, published_at=None
    )
    site = SiteFactory(name="Uvs Nuur", slug="uvs-nuur", sector=culture, countries=[mongolia])
    draft_site = SiteFactory(
        name="Draft site", sector=science, countries=[japan], status=DRAFT, published_at=None
    )
    event = EventFactory(country=mongolia, sectors=[culture])
    event.sites.set([site])
    draft_event = EventFactory(
        country=japan, sectors=[culture, science], status=DRAFT, published_at=None
    )
    draft_event.sites.set([site, draft_site])
    profile = OfficeProfile.objects.create(
        name="UNESCO Office", short_name="UNESCO", intro="<p>Hello.</p>", history="<p>Then.</p>"
    )
    return {
        Sector: {DRAFT: science, PUBLISHED: culture},
        Country: {DRAFT: japan, PUBLISHED: mongolia},
        Site: {DRAFT: draft_site, PUBLISHED: site},
        Centre: {
            DRAFT: CentreFactory(country=japan, sector=science, status=DRAFT, published_at=None),
            PUBLISHED: CentreFactory(country=mongolia, sector=culture),
        },
        Event: {DRAFT: draft_event, PUBLISHED: event},
        OfficeProfile: {PUBLISHED: profile},
        SearchSynonym: {PUBLISHED: SearchSynonym.objects.create(terms="Great Wall\n长城")},
        PromotedResult: {
            PUBLISHED: PromotedResult.objects.create(
                query="wall",
                content_type=ContentType.objects.get_for_model(Site),
                object_id=site.pk,
            )
        },
    }


CONTENT = [Sector, Country, Site, Centre, Event]
# What a new record must change in a copy of a stored one to be saved beside it.
NEW_VALUES = {
    Sector: {"name_en": "New sector", "slug": "new-sector", "code": "NEW"},
    Country: {"name_en": "France", "slug": "france", "iso2": "FR", "iso3": "FRA"},
    Site: {"name_en": "New site", "slug": "new-site"},
    Centre: {"name_en": "New centre", "slug": "new-centre"},
    Event: {"title_en": "New event", "slug": "new-event"},
    SearchSynonym: {"terms": "Forbidden City\n故宫"},
    PromotedResult: {"query": "new search"},
    OfficeProfile: {},
    User: {},
}
NEW_USER = {
    "username": "new-person",
    "usable_password": "true",
    "password1": "a-long-test-password",
    "password2": "a-long-test-password",
}


@dataclass(frozen=True)
class Case:
    model: type
    role: str
    view: str

    def __str__(self):
        return f"{self.model.__name__}-{self.role.removesuffix('_client')}-{self.view}"


CASES = [
    *(
        Case(model, role, view)
        for model in [*CONTENT, SearchSynonym, PromotedResult]
        for role in ["editor_client", "publisher_client"]
        for view in ["add", "change"]
    ),
    # Only publishers change the office's profile; only superusers create it and people.
    Case(OfficeProfile, "publisher_client", "change"),
    Case(OfficeProfile, "admin_client", "add"),
    Case(User, "admin_client", "add"),
    Case(User, "admin_client", "change"),
]


def prepare(case, world, client):
    """The form's address, the record it changes (None: it adds one), the POST that saves it
    as shown, and its buttons. A new record is a copy of the one an editor or a publisher
    would change, under another name."""
    model = case.model
    if model is User:
        record = User.objects.create_user("person", "person@example.org", is_staff=True)
        if case.view == "add":
            return admin_url(User, "add"), None, NEW_USER, ["_save", "_continue", "_addanother"]
    else:
        state = DRAFT if case.role == "editor_client" else PUBLISHED
        record = world[model].get(state) or world[model][PUBLISHED]
    change_url = admin_url(model, "change", record.pk)
    shown = client.get(change_url)
    assert shown.status_code == 200
    data = shown_data(shown.context["adminform"].form)
    buttons = ["_save", "_continue"]
    if model in CONTENT:
        buttons += ["_submit_for_review", "_preview"]
    if case.view == "change":
        return change_url, record, data, [*buttons, "_saveasnew"]
    if model is OfficeProfile:
        record.delete()
    return admin_url(model, "add"), None, data | NEW_VALUES[model], [*buttons, "_addanother"]


def pages_of(record):
    """The pages that show `record`: its change form, and those visitors see."""
    model = type(record)
    pages = [admin_url(model, "change", record.pk)]
    if model is OfficeProfile:
        pages += [reverse("home"), reverse("about"), reverse("events:calendar-ics")]
    elif model is SearchSynonym:
        pages += [searching(term) for term in record.term_list()[:2]]
    elif model is PromotedResult:
        pages.append(searching(record.query))
    elif model is not User and record.is_public:
        pages.append(record.get_absolute_url())
        if model is Event:
            pages.append(reverse("events:ics", args=[record.slug]))
    return pages


def searching(text):
    return f"{reverse('search')}?{urlencode({'q': text})}"


@dataclass
class AdminForm:
    """An add or change form as one member of staff sends it."""

    client: Client
    model: type
    url: str
    pk: int | None  # None: the form adds a record
    can_add: bool

    def target(self, button):
        """Where the form is sent: "Preview" sends it to the preview."""
        if button != "_preview":
            return self.url
        if self.pk is None:
            opts = self.model._meta
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_preview_new")
        return admin_url(self.model, "preview", self.pk)

    def attempt(self, data, files, button):
        """Send the form with `button`; check what it answers, what it wrote or did not,
        and the pages of what it saved; then undo it all."""
        before_files = media_files()
        before_keys = list(self.model._base_manager.values_list("pk", flat=True))
        before = database_state(self.model, self.pk)
        with rolled_back():
            sent = {key: SimpleUploadedFile(*file) for key, file in files.items()}
            response = self.client.post(self.target(button), data | sent | {button: "1"})
            if self.refused(button, response):
                assert database_state(self.model, self.pk) == before
                assert media_files() == before_files
            else:
                saved = self.model._base_manager.exclude(pk__in=before_keys).first()
                self.open_pages(saved or self.model._base_manager.get(pk=self.pk))
        return response

    def refused(self, button, response):
        if button == "_preview":  # it saves nothing, whatever it shows
            assert response.status_code in (200, 400)
            return True
        if button == "_saveasnew" and not self.can_add:
            assert response.status_code == 403
            return True
        assert response.status_code in (200, 302)
        return response.status_code == 200

    def open_pages(self, saved):
        visitor = Client()
        for page in pages_of(saved):
            if page.startswith("/admin/"):
                assert self.client.get(page).status_code == 200, page
            else:
                # Not found while a record it belongs to is hidden (a draft country).
                assert visitor.get(page).status_code in (200, 404), page


@pytest.mark.parametrize("case", CASES, ids=str)
def test_admin_forms_refuse_hostile_values_cleanly(request, case, world):
    """Every add and change form, as editors, publishers and (for what only they may do)
    superusers use it: sent as shown with a few fields replaced, to be saved, saved as new,
    submitted for review or previewed."""
    client = request.getfixturevalue(case.role)
    url, record, base, buttons = prepare(case, world, client)
    shown = client.get(url)
    assert shown.status_code == 200
    can_add = admin.site.get_model_admin(case.model).has_add_permission(shown.wsgi_request)
    form = AdminForm(client, case.model, url, record and record.pk, can_add)
    slots = slots_of(shown.context["adminform"].form)
    keys = sorted({str(obj.pk) for kind in world.values() for obj in kind.values()})

    # The form saves as it is shown: what the examples change is what they try.
    response = form.attempt(base, {}, "_save")
    assert response.status_code == 302, form_problems(response)

    @FUZZ
    @hypothesis.given(post=hostile_posts(slots, base, keys, buttons))
    def check(post):
        form.attempt(*post)

    check()


# Imports

IMPORTED = [Country, Site, Centre, Event]
# Cell values a workbook stores as other things than text.
WORKBOOK_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1), max_value=datetime.datetime(9999, 1, 1)),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    st.times(),
)
SHAPES = ["cells"] * 6 + ["unknown column", "repeated column", "missing column", "long row",
                          "blank rows", "bytes", "other format"]  # fmt: skip


def workbook(header, rows, sheet_name="Sheet"):
    """An XLSX file of `rows` (lists of values) under `header`; control characters, which a
    workbook cannot hold as such, written as Excel writes them (_x0007_)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    for row in [header, *rows]:
        sheet.append(
            [
                ILLEGAL_CHARACTERS_RE.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
                if isinstance(value, str)
                else value
                for value in row
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def spreadsheet(header, rows, file_format, sheet_name="Sheet"):
    if file_format == "xlsx":
        return workbook(header, rows, sheet_name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([header, *[["" if v is None else str(v) for v in row] for row in rows]])
    return out.getvalue().encode()


@st.composite
def hostile_files(draw, header, rows, sheet_name="Sheet"):
    """A file of `rows` (an export and a new record) with a few cells replaced, or its
    columns or rows changed, or bytes that are no spreadsheet."""
    file_format = draw(st.sampled_from(["csv", "xlsx"]))
    header, rows = list(header), [list(row) for row in rows]
    cell = ANYTHING | WORKBOOK_VALUES if file_format == "xlsx" else ANYTHING
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        row = draw(st.sampled_from(rows))
        row[draw(st.integers(min_value=0, max_value=len(header) - 1))] = draw(cell)
    match draw(st.sampled_from(SHAPES)):
        case "unknown column":
            header.append(draw(TEXTS))
            rows = [[*row, draw(cell)] for row in rows]
        case "repeated column":
            column = draw(st.integers(min_value=0, max_value=len(header) - 1))
            header.append(header[column])
            rows = [[*row, row[column]] for row in rows]
        case "missing column":
            column = draw(st.integers(min_value=0, max_value=len(header) - 1))
            header.pop(column)
            rows = [[value for i, value in enumerate(row) if i != column] for row in rows]
        case "long row":
            draw(st.sampled_from(rows)).extend(draw(st.lists(cell, min_size=1, max_size=3)))
        case "blank rows":
            rows.insert(draw(st.integers(min_value=0, max_value=len(rows))), [])
            rows.append([None] * len(header))
        case "bytes":
            return file_format, draw(st.binary(max_size=2_000))
        case "other format":
            other = {"csv": "xlsx", "xlsx": "csv"}[file_format]
            return file_format, spreadsheet(header, rows, other, sheet_name)
    return file_format, spreadsheet(header, rows, file_format, sheet_name)


def messages_at(response, level):
    return [str(message) for message in response.context["messages"] if message.level == level]


def try_upload(model, send, confirm, then):
    """Send a file (`send()`: the response to the upload, and its confirmation form's data if
    it offers one), then `confirm(data)` its import, or cancel it (`then`). The file is kept
    only between the two; the upload itself changes nothing, nor does an import refused or
    cancelled. Undone at the end. The last response."""
    before = snapshot(model), database_state(model, None)
    with rolled_back():
        checked, data = send()
        assert checked.status_code == 200
        assert (snapshot(model), database_state(model, None)) == before
        if data is None:
            assert not kept_uploads()
            return checked
        assert len(kept_uploads()) == 1
        done = confirm(data | ({"cancel": "1"} if then == "cancel" else {}))
        assert done.status_code == 200
        assert not kept_uploads()
        if then == "cancel" or messages_at(done, ERROR) or done.context.get("errors"):
            assert (snapshot(model), database_state(model, None)) == before
        return done


@pytest.mark.parametrize("model", IMPORTED, ids=lambda model: model.__name__)
def test_imports_refuse_hostile_files_cleanly(request, model, world):
    """As an editor and as a publisher, in each format the import offers."""
    model_admin = admin.site.get_model_admin(model)
    assert [file_format().get_title() for file_format in model_admin.get_import_formats()] == [
        "csv",
        "xlsx",
    ]
    clients = {
        role: request.getfixturevalue(role) for role in ["editor_client", "publisher_client"]
    }
    exported = read(export(clients["publisher_client"], model))
    header = list(exported[0])
    draft = next(row for row in exported if row["status"] == DRAFT)
    rows = [[row[column] for column in header] for row in [*exported, draft | NEW_VALUES[model]]]

    def attempt(role, file_format, content, then):
        client = clients[role]

        def send():
            checked = preview(client, model, content, f"records.{file_format}")
            offered = "confirm_form" in checked.context
            return checked, confirm_data(checked) if offered else None

        def confirm(data):
            return client.post(admin_url(model, "process_import"), data, follow=True)

        return try_upload(model, send, confirm, then)

    # The file as exported, with a new record, imports as it is.
    for role, file_format in itertools.product(clients, ["csv", "xlsx"]):
        done = attempt(role, file_format, spreadsheet(header, rows, file_format), "confirm")
        assert messages_at(done, SUCCESS), problems(done)

    @FUZZ
    @hypothesis.given(
        role=st.sampled_from(list(clients)),
        upload=hostile_files(header, rows),
        then=st.sampled_from(["confirm", "confirm", "cancel"]),
    )
    def check(role, upload, then):
        attempt(role, *upload, then)

    check()


# The columns that name records: a row's own (matched by slug) and its related ones.
NAMING_COLUMNS = [
    (Country, "slug"),
    (Site, "slug"),
    (Site, "countries"),
    (Site, "sector"),
    (Centre, "country"),
    (Centre, "sector"),
    (Event, "slug"),
    (Event, "sectors"),
    (Event, "sites"),
]


@pytest.mark.parametrize(
    ("model", "column"), NAMING_COLUMNS, ids=lambda value: getattr(value, "__name__", value)
)
def test_imports_refuse_a_nul_character_where_a_record_is_named(
    publisher_client, world, model, column
):
    exported = read(export(publisher_client, model))
    rows = [row | {column: f"{row[column]}\x00"} for row in exported]
    checked = preview(publisher_client, model, csv_file(rows))

    assert checked.status_code == 200
    assert "confirm_form" not in checked.context
    assert f"Row 2 of the file holds a NUL character (in its column “{column}”)" in problems(
        checked
    )
    assert not kept_uploads()


WORLD_HERITAGE = reverse("admin:countries_site_world_heritage")


def test_the_world_heritage_upload_refuses_hostile_files_cleanly(publisher_client, office):
    """The List's export (CSV or XLSX) as publishers upload it, with the import's options."""
    header = list(CURRENT_LAYOUT)
    rows = [[row.get(column) for column in header] for row in ROWS]

    def attempt(file_format, content, options, then):
        def send():
            upload = SimpleUploadedFile(f"whc-sites.{file_format}", content)
            data = {"file": upload} | dict.fromkeys(options, "on")
            checked = publisher_client.post(WORLD_HERITAGE, data)
            confirm_form = checked.context.get("confirm")
            return checked, {"token": confirm_form["token"].value()} if confirm_form else None

        def confirm(data):
            return publisher_client.post(WORLD_HERITAGE, data, follow=True)

        return try_upload(Site, send, confirm, then)

    # The List as exported imports as it is.
    for file_format in ["csv", "xlsx"]:
        done = attempt(file_format, spreadsheet(header, rows, file_format, SHEET), [], "confirm")
        assert messages_at(done, SUCCESS), done.context.get("errors")

    @FUZZ
    @hypothesis.given(
        upload=hostile_files(header, rows, SHEET),
        options=st.lists(st.sampled_from(["all_countries", "unpublish_missing"]), unique=True),
        then=st.sampled_from(["confirm", "confirm", "cancel"]),
    )
    def check(upload, options, then):
        attempt(*upload, options, then)

    check()
