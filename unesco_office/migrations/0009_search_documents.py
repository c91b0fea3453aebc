"""The site search's own tables (unesco_office.models.search), and how each database searches
them.

PostgreSQL: a GIN index on the documents' tsvector, pg_trgm and a trigram index on the words
that suggest corrections; the five indexes of migrations 0003 and 0008, on expressions of the
records' own columns, are dropped (search no longer reads those columns).
SQLite: an FTS5 table mirrors the documents' three columns of words, kept by triggers.
"""

import importlib

from django.contrib.auth.management import create_permissions

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FTS = "unesco_office_searchdocument_fts"
DOCUMENTS = "unesco_office_searchdocument"
SQLITE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        names, texts, more, content='{DOCUMENTS}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {DOCUMENTS} BEGIN
        INSERT INTO {FTS}(rowid, names, texts, more)
        VALUES (new.id, new.names, new.texts, new.more); END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {DOCUMENTS} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, names, texts, more)
        VALUES ('delete', old.id, old.names, old.texts, old.more); END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON {DOCUMENTS} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, names, texts, more)
        VALUES ('delete', old.id, old.names, old.texts, old.more);
        INSERT INTO {FTS}(rowid, names, texts, more)
        VALUES (new.id, new.names, new.texts, new.more); END""",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX searchdocument_vector ON {DOCUMENTS} USING gin (vector)",
    "CREATE INDEX searchword_trigrams ON unesco_office_searchword USING gin (word gin_trgm_ops)",
    *(f"DROP INDEX IF EXISTS {name}" for name in (
        "event_search", "site_search", "sector_search", "country_search", "centre_search"
    )),
]


# What both staff roles may do with the search's records (frozen here; unesco_office.staff.roles
# keeps the live definition).
SEARCH_PERMISSIONS = [
    *(f"{action}_{model}" for model in ("searchsynonym", "promotedresult")
      for action in ("add", "change", "delete", "view")),
    "view_searchmiss",
]


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("unesco_office")
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.using(using).filter(
        content_type__app_label="unesco_office", codename__in=SEARCH_PERMISSIONS
    )
    for group in Group.objects.using(using).filter(name__in=["Editors", "Publishers"]):
        group.permissions.add(*found)


def earlier_indexes(apps):
    """The indexes that migrations 0003 and 0008 made, as 0008 left them."""
    first = importlib.import_module("unesco_office.migrations.0003_search_indexes")
    second = importlib.import_module(
        "unesco_office.migrations.0008_search_indexes_with_translated_cities"
    )
    return second.indexes(apps, {**first.DOCUMENTS, **second.AFTER})


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER {FTS}_{name}")
        schema_editor.execute(f"DROP TABLE {FTS}")
    elif vendor == "postgresql":
        for model, index in earlier_indexes(apps):
            schema_editor.add_index(model, index)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('unesco_office', '0008_search_indexes_with_translated_cities'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchSynonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.TextField(help_text='One per line, in any language, e.g. “Forbidden City”, “紫禁城”, “故宫”. A search for one of them also finds the others.', verbose_name='words and names that mean the same')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'search synonym',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['terms'],
            },
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=60, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name='SearchMiss',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=100, verbose_name='search')),
                ('day', models.DateField(verbose_name='day')),
                ('searches', models.PositiveIntegerField(default=0, verbose_name='searches')),
            ],
            options={
                'verbose_name': 'search with no results',
                'verbose_name_plural': 'searches with no results',
                'ordering': ['-day', '-searches'],
                'constraints': [models.UniqueConstraint(fields=('query', 'day'), name='searchmiss_one_per_day')],
            },
        ),
        migrations.CreateModel(
            name='PromotedResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(help_text='The search as visitors type it; case, accents and spacing do not matter.', max_length=100, verbose_name='search')),
                ('query_key', models.CharField(db_index=True, editable=False, max_length=100)),
                ('object_id', models.PositiveBigIntegerField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Lower first, when several are promoted.', verbose_name='order')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'promoted result',
                'verbose_name_plural': 'promoted results',
                'ordering': ['query_key', 'order'],
                'constraints': [models.UniqueConstraint(fields=('query_key', 'content_type', 'object_id'), name='promotedresult_once_per_search')],
            },
        ),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('language', models.CharField(max_length=10)),
                ('name_key', models.TextField(blank=True)),
                ('name_length', models.PositiveSmallIntegerField(default=0)),
                ('names', models.TextField()),
                ('texts', models.TextField()),
                ('more', models.TextField()),
                ('vector', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'search document',
                'verbose_name_plural': 'search documents',
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'language'), name='searchdocument_one_per_record_and_language')],
            },
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
