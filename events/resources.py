"""Spreadsheet columns of events (see unesco_office.staff.imports.resources)."""

from modeltranslation.utils import get_translation_fields

from unesco_office.staff.imports.resources import ContentResource

from .models import Event


class EventResource(ContentResource):
    required_columns = ("slug", "title_en", "start_date")

    class Meta:
        model = Event
        fields = [
            "slug",
            *get_translation_fields("title"),
            "kind",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "time_zone",
            "is_online",
            "country",
            *get_translation_fields("city", "venue"),
            "latitude",
            "longitude",
            "sectors",
            "sites",
            *get_translation_fields("summary", "body"),
            "registration_url",
            "event_status",
            "previous_start_date",
            "previous_end_date",
            "status",
            "published_at",
            "unpublish_at",
        ]
