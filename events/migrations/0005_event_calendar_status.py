"""Event status (cancelled, postponed, rescheduled with its earlier dates, moved online),
and what calendar apps know an event by: a UID that never changes and a revision number.

Existing events get a UID of their own in three steps (a column without a default, a random
UUID for each row, then the unique constraint), as a callable default is evaluated once for
a new column, which would give every row the same value."""

import uuid

from django.db import migrations, models


def give_each_event_a_uid(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    events = list(Event.objects.filter(uid__isnull=True).only("pk"))
    for event in events:
        event.uid = uuid.uuid4()
    Event.objects.bulk_update(events, ["uid"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('countries', '0002_unpublish_at'),
        ('events', '0004_event_start_order'),
        ('sectors', '0002_unpublish_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='event_status',
            field=models.CharField(choices=[('scheduled', 'As announced'), ('cancelled', 'Cancelled'), ('postponed', 'Postponed'), ('rescheduled', 'Rescheduled'), ('moved-online', 'Moved online')], default='scheduled', help_text='Cancelled, postponed (no new dates yet), rescheduled (change the dates above: the ones it had are kept below) or moved online. Subscribed calendars follow.', max_length=20, verbose_name='event status'),
        ),
        migrations.AddField(
            model_name='event',
            name='previous_end_date',
            field=models.DateField(blank=True, help_text='Leave empty when it was planned for one day.', null=True, verbose_name='previous end date'),
        ),
        migrations.AddField(
            model_name='event',
            name='previous_start_date',
            field=models.DateField(blank=True, help_text='For a rescheduled event: the first day it was planned for.', null=True, verbose_name='previous start date'),
        ),
        migrations.AddField(
            model_name='event',
            name='sequence',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='Grows with every change visitors can see, so calendars update the event.', verbose_name='calendar revision'),
        ),
        migrations.AddField(
            model_name='event',
            name='uid',
            field=models.UUIDField(editable=False, null=True, verbose_name='calendar UID'),
        ),
        migrations.RunPython(give_each_event_a_uid, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='event',
            name='uid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, help_text='What calendar apps know the event by; it never changes.', unique=True, verbose_name='calendar UID'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('slug__in', ('calendar', 'feed')), _negated=True), name='event_slug_not_reserved', violation_error_message='“calendar” and “feed” name pages of the event list: choose another slug.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('event_status__in', ['scheduled', 'cancelled', 'postponed', 'rescheduled', 'moved-online'])), name='event_event_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('event_status', 'rescheduled'), _negated=True), ('previous_start_date__isnull', False), _connector='OR'), name='event_rescheduled_has_previous_dates', violation_error_message='A rescheduled event keeps the dates it was first planned for: give the previous start date.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('previous_end_date__isnull', True), ('previous_end_date__gte', models.F('previous_start_date')), _connector='OR'), name='event_previous_dates_in_order', violation_error_message='The previous end date is before the previous start.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('previous_start_date__isnull', True), models.Q(('previous_end_date__year__lte', 2100), ('previous_start_date__year__gte', 1945)), _connector='OR'), name='event_previous_dates_in_range', violation_error_message='Event dates lie between 1945 and 2100.'),
        ),
    ]
