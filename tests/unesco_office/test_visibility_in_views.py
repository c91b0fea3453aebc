"""Pages apply the visibility rule at request time, not at the time the server started."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import CentreFactory, CountryFactory, EventFactory, SectorFactory, SiteFactory

pytestmark = pytest.mark.django_db

FACTORIES = [SectorFactory, CountryFactory, SiteFactory, CentreFactory, EventFactory]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_scheduled_record_goes_live_without_a_restart(client, factory):
    publish_at = timezone.now() + datetime.timedelta(hours=1)
    record = factory(published_at=publish_at)
    url = record.get_absolute_url()

    with time_machine.travel(publish_at - datetime.timedelta(minutes=1)):
        assert client.get(url).status_code == 404
    with time_machine.travel(publish_at + datetime.timedelta(minutes=1)):
        assert client.get(url).status_code == 200
