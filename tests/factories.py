import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from unesco_office.core.models import Publishable


def image_file(name="photo.jpg", size=(64, 48), image_format="JPEG", color=(0, 119, 212)):
    """A small real image, as an upload would deliver it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return ContentFile(buffer.getvalue(), name=name)


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class PublishedFactory(DjangoModelFactory):
    status = Publishable.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Meta:
        abstract = True


class SectorFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")
    code = factory.Sequence(lambda n: "S" + "".join(LETTERS[n // 26**i % 26] for i in range(3)))

    class Meta:
        model = Sector


ISO_CODES = [
    ("MN", "MNG"),
    ("JP", "JPN"),
    ("KR", "KOR"),
    ("CN", "CHN"),
    ("KP", "PRK"),
    ("FR", "FRA"),
    ("DE", "DEU"),
    ("IT", "ITA"),
    ("ES", "ESP"),
    ("BR", "BRA"),
]
ALPHA_3 = dict(ISO_CODES)


class CountryFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    iso2 = factory.Sequence(lambda n: ISO_CODES[n % len(ISO_CODES)][0])
    # The alpha-3 code that goes with the alpha-2 code, whichever way that one was chosen.
    iso3 = factory.LazyAttribute(lambda country: ALPHA_3.get(country.iso2, f"{country.iso2}X"))
    time_zone = "Asia/Ulaanbaatar"
    is_covered = True

    class Meta:
        model = Country
        django_get_or_create = ["iso2"]


class SiteFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Site {n}")
    slug = factory.Sequence(lambda n: f"site-{n}")
    designation = Site.Designation.WORLD_HERITAGE
    wh_category = Site.Category.CULTURAL
    sector = factory.SubFactory(SectorFactory)
    year_designated = 2004

    class Meta:
        model = Site
        skip_postgeneration_save = True

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create:
            self.countries.set(extracted or [CountryFactory()])


class CentreFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Centre {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    country = factory.SubFactory(CountryFactory)
    sector = factory.SubFactory(SectorFactory)

    class Meta:
        model = Centre


class EventFactory(PublishedFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    end_date = factory.SelfAttribute("start_date")
    country = factory.SubFactory(CountryFactory)
    city = "Ulaanbaatar"

    class Meta:
        model = Event
        skip_postgeneration_save = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
