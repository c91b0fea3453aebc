"""manage.py rebuild_search_index: build every search document again."""

import time

from django.core.management.base import BaseCommand

from unesco_office.public.search import documents
from unesco_office.public.search.sources import sources


class Command(BaseCommand):
    help = (
        "Build the site search's documents of every record again, and gather anew the words "
        "that suggest another spelling. Saves keep the documents current; run this after "
        "changing how search reads text, or after loading records without their saves."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        documents.rebuild()
        counts = ", ".join(
            f"{source.model._meta.verbose_name_plural}: {source.model.objects.count()}"
            for source in sources()
        )
        self.stdout.write(
            f"Search documents built ({counts}) in {time.monotonic() - started:.1f} s."
        )
