"""GIN indexes on the full-text document of each table the site search reads, on PostgreSQL.

Each index is on the very expression that `unesco_office.public.search.Source.document()` builds, so
that PostgreSQL finds the matches through the index instead of reading every record; the test
`test_postgresql_finds_matches_through_the_indexes` fails when the two part. Other databases
have no such index and search otherwise (see unesco_office/public/search.py): there, this does nothing.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# Each language's column suffix and text search configuration, in the order of LANGUAGES.
LANGUAGES = [("en", "english"), ("fr", "french"), ("zh_hans", "simple")]


def translated(name):
    return [(f"{name}_{suffix}", config) for suffix, config in LANGUAGES]


# (app, model, index): the columns at each weight, in the order of the search's Source.
DOCUMENTS = {
    ("events", "Event", "event_search"): {
        "A": translated("title"),
        "B": translated("summary"),
        "C": [*translated("body"), *translated("venue"), ("city", "simple")],
    },
    ("countries", "Site", "site_search"): {
        "A": translated("name"),
        "B": translated("summary"),
        "C": translated("body"),
    },
    ("sectors", "Sector", "sector_search"): {
        "A": translated("name"),
        "B": [*translated("tagline"), *translated("summary")],
        "C": translated("body"),
    },
    ("countries", "Country", "country_search"): {
        "A": translated("name"),
        "B": translated("summary"),
        "C": translated("body"),
    },
    ("countries", "Centre", "centre_search"): {
        "A": [*translated("name"), ("acronym", "simple")],
        "B": translated("summary"),
        "C": [*translated("body"), ("city", "simple")],
    },
}


def indexes(apps):
    for (app, model, name), weighted in DOCUMENTS.items():
        document = reduce(
            add,
            (
                SearchVector(column, config=config, weight=weight)
                for weight, columns in weighted.items()
                for column, config in columns
            ),
        )
        yield apps.get_model(app, model), GinIndex(document, name=name)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("unesco_office", "0002_staff_groups"),
        ("sectors", "0001_initial"),
        ("countries", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
