import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from unesco_office.demo.loader import load_demo_data


class Command(BaseCommand):
    help = (
        "Load the office's demo content (profile, sectors, countries, sites, centres and "
        "events with placeholder images). Safe to run again: unchanged records are not written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off (for a staging site, never for production).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo_data writes demo content and is meant for development, but DEBUG "
                "is off. Set DJANGO_DEBUG=1, or pass --force if you really want demo data in "
                "this database."
            )
        started = time.perf_counter()
        load_demo_data(progress=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded in {time.perf_counter() - started:.1f} s.")
        )
