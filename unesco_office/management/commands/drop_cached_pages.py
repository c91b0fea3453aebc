from django.core.management.base import BaseCommand

from unesco_office.core.cache import new_generation


class Command(BaseCommand):
    help = (
        "Drop every cached page and count summary, on every app server: after changing the "
        "database other than through the site (restoring a backup, an SQL update)."
    )

    def handle(self, *args, **options):
        new_generation()
        self.stdout.write("Dropped the cached pages.")
