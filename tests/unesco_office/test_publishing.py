"""The one visibility rule, as every model applies it."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
)
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db

FACTORIES = {
    Sector: SectorFactory,
    Country: CountryFactory,
    Site: SiteFactory,
    Centre: CentreFactory,
    Event: EventFactory,
}
NOON = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(params=list(FACTORIES), ids=lambda model: model.__name__)
def factory(request):
    return FACTORIES[request.param]


@time_machine.travel(NOON, tick=False)
def test_published_shows_only_published_records_whose_time_has_come(factory):
    model = factory._meta.model
    live = factory(published_at=NOON - datetime.timedelta(minutes=1))
    due_now = factory(published_at=NOON)
    factory(published_at=NOON + datetime.timedelta(minutes=1))
    factory(status=Publishable.Status.DRAFT, published_at=None)
    factory(status=Publishable.Status.DRAFT, published_at=NOON - datetime.timedelta(days=1))

    assert set(model.objects.published()) == {live, due_now}


def test_scheduled_record_appears_when_its_time_comes(factory):
    model = factory._meta.model
    record = factory(published_at=NOON + datetime.timedelta(hours=2))

    with time_machine.travel(NOON, tick=False):
        assert record.is_scheduled and not record.is_public
        assert not model.objects.published().filter(pk=record.pk).exists()
    with time_machine.travel(NOON + datetime.timedelta(hours=2), tick=False):
        assert record.is_public and not record.is_scheduled
        assert model.objects.published().filter(pk=record.pk).exists()


def test_a_queryset_built_earlier_compares_with_the_time_it_runs_at(factory):
    """A queryset of published records may be built once and kept (the event list's is):
    the time it compares with is read when it runs."""
    model = factory._meta.model
    appearing = factory(published_at=NOON + datetime.timedelta(hours=2))
    leaving = factory(
        published_at=NOON - datetime.timedelta(days=1),
        unpublish_at=NOON + datetime.timedelta(hours=2),
    )
    with time_machine.travel(NOON, tick=False):
        kept = model.objects.published().filter(pk__in=[appearing.pk, leaving.pk])
        assert list(kept.all()) == [leaving]
    with time_machine.travel(NOON + datetime.timedelta(hours=2), tick=False):
        assert list(kept.all()) == [appearing]


@time_machine.travel(NOON, tick=False)
def test_publishing_without_a_time_publishes_now(factory):
    record = factory(status=Publishable.Status.DRAFT, published_at=None)

    record.status = Publishable.Status.PUBLISHED
    record.save()

    record.refresh_from_db()
    assert record.published_at == NOON
    assert record.is_public


def test_database_refuses_published_record_without_time(factory):
    record = factory()
    model = type(record)

    with pytest.raises(IntegrityError):
        model.objects.filter(pk=record.pk).update(published_at=None)


def test_database_refuses_unknown_status(factory):
    record = factory()

    with pytest.raises(IntegrityError):
        type(record).objects.filter(pk=record.pk).update(status="archived")


def test_created_at_is_set_by_the_database(factory):
    before = timezone.now()
    record = factory()
    record.refresh_from_db()

    assert record.created_at >= before - datetime.timedelta(seconds=5)
    assert record.updated_at >= record.created_at - datetime.timedelta(seconds=5)


def test_every_model_has_str_and_absolute_url(factory):
    record = factory()

    assert str(record)
    assert record.get_absolute_url().endswith(f"/{record.slug}/")


def test_database_refuses_image_without_alt_text(factory):
    record = factory()

    with pytest.raises(IntegrityError):
        type(record).objects.filter(pk=record.pk).update(image="images/x.jpg", image_alt="")


@time_machine.travel(NOON, tick=False)
def test_published_leaves_out_records_whose_unpublish_time_has_come(factory):
    model = factory._meta.model
    past = NOON - datetime.timedelta(days=2)
    staying = factory(published_at=past, unpublish_at=NOON + datetime.timedelta(minutes=1))
    factory(published_at=past, unpublish_at=NOON)
    factory(published_at=past, unpublish_at=NOON - datetime.timedelta(hours=1))

    assert set(model.objects.published()) == {staying}


def test_record_disappears_at_its_unpublish_time_without_any_job(factory):
    model = factory._meta.model
    record = factory(
        published_at=NOON - datetime.timedelta(days=1),
        unpublish_at=NOON + datetime.timedelta(hours=3),
    )

    with time_machine.travel(NOON, tick=False):
        assert record.is_public and not record.is_expired
        assert model.objects.published().filter(pk=record.pk).exists()
    with time_machine.travel(NOON + datetime.timedelta(hours=3), tick=False):
        assert record.is_expired and not record.is_public and not record.is_scheduled
        assert not model.objects.published().filter(pk=record.pk).exists()


def test_database_refuses_unpublish_time_before_publication(factory):
    record = factory(published_at=NOON)

    with pytest.raises(IntegrityError):
        type(record).objects.filter(pk=record.pk).update(unpublish_at=NOON)
