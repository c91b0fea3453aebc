"""The migration that gives events their calendar UID: each existing event gets one of its
own, and the column is unique afterwards."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0004_event_start_order")]
AFTER = [("events", "0005_event_calendar_status")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_events_each_get_a_uid_of_their_own():
    try:
        old = migrate(BEFORE).get_model("events", "Event")
        for n in range(3):
            old.objects.create(
                title=f"Event {n}",
                title_en=f"Event {n}",
                slug=f"event-{n}",
                start_date=datetime.date(2026, 6, 1),
                end_date=datetime.date(2026, 6, 1),
            )

        new = migrate(AFTER).get_model("events", "Event")

        events = list(new.objects.order_by("slug").values("uid", "sequence", "event_status"))
        assert len({event["uid"] for event in events}) == 3
        assert None not in {event["uid"] for event in events}
        assert {(e["sequence"], e["event_status"]) for e in events} == {(0, "scheduled")}
        assert new._meta.get_field("uid").unique
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
