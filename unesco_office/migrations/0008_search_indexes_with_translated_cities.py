"""The search indexes of events and centres again, now that their city is translated: each
index is on the very expression the site search builds (see migration 0003), whose city is
now one column a language."""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

LANGUAGES = [("en", "english"), ("fr", "french"), ("zh_hans", "simple")]


def translated(name):
    return [(f"{name}_{suffix}", config) for suffix, config in LANGUAGES]


BEFORE = {
    ("events", "Event", "event_search"): {
        "A": translated("title"),
        "B": translated("summary"),
        "C": [*translated("body"), *translated("venue"), ("city", "simple")],
    },
    ("countries", "Centre", "centre_search"): {
        "A": [*translated("name"), ("acronym", "simple")],
        "B": translated("summary"),
        "C": [*translated("body"), ("city", "simple")],
    },
}
AFTER = {
    ("events", "Event", "event_search"): {
        "A": translated("title"),
        "B": translated("summary"),
        "C": [*translated("body"), *translated("venue"), *translated("city")],
    },
    ("countries", "Centre", "centre_search"): {
        "A": [*translated("name"), ("acronym", "simple")],
        "B": translated("summary"),
        "C": [*translated("body"), *translated("city")],
    },
}


def indexes(apps, documents):
    for (app, model, name), weighted in documents.items():
        document = reduce(
            add,
            (
                SearchVector(column, config=config, weight=weight)
                for weight, columns in weighted.items()
                for column, config in columns
            ),
        )
        yield apps.get_model(app, model), GinIndex(document, name=name)


def replace(old, new):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model, index in indexes(apps, old):
            schema_editor.remove_index(model, index)
        for model, index in indexes(apps, new):
            schema_editor.add_index(model, index)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("unesco_office", "0007_staff_preferences"),
        ("events", "0008_city_in_every_language"),
        ("countries", "0005_centre_city_in_every_language"),
    ]

    operations = [migrations.RunPython(replace(BEFORE, AFTER), replace(AFTER, BEFORE))]
