"""The integer `in` lookup: values past the database's integers match nothing."""

import pytest

from sectors.models import Sector
from tests.factories import SectorFactory

pytestmark = pytest.mark.django_db

PAST = [2**63, -(2**63) - 1]


def test_keys_past_the_database_integers_match_nothing():
    sector = SectorFactory()

    assert list(Sector.objects.filter(pk__in=[*PAST, sector.pk])) == [sector]
    assert not Sector.objects.filter(pk__in=PAST).exists()
    assert list(Sector.objects.exclude(pk__in=PAST)) == [sector]
    assert list(Sector.objects.filter(order__in=[str(2**70), 0])) == [sector]
