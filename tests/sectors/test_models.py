import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["slug", "code", "name"])
def test_sector_slug_code_and_name_are_unique(field):
    first = SectorFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SectorFactory(**{field: getattr(first, field)})


@pytest.mark.parametrize(
    ("field", "value"),
    [("code", "ed"), ("code", "E"), ("code", "E1"), ("colour", "blue"), ("colour", "#12345G")],
)
def test_database_refuses_malformed_code_and_colour(field, value):
    sector = SectorFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        type(sector).objects.filter(pk=sector.pk).update(**{field: value})


def test_full_clean_explains_malformed_colour():
    sector = SectorFactory.build(colour="#zzzzzz")

    with pytest.raises(ValidationError, match="six hex digits"):
        sector.full_clean()


def test_sectors_are_ordered_by_order_then_name():
    second = SectorFactory(order=2, name="Alpha")
    first = SectorFactory(order=1, name="Zulu")

    assert list(type(first).objects.all()) == [first, second]
