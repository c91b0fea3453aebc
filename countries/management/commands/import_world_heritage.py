"""`manage.py import_world_heritage FILE`: bring the World Heritage sites up to date.

FILE is the World Heritage Centre's export of the List (XLSX, or a CSV of it). See
countries.importers.world_heritage_import for what is written and what is kept.
"""

from django.core.management.base import BaseCommand, CommandError

from countries.importers.world_heritage import InvalidFileError, parse_world_heritage
from countries.importers.world_heritage_import import import_world_heritage


class Command(BaseCommand):
    help = (
        "Import UNESCO's World Heritage List export (XLSX or CSV): adds new sites, updates "
        "changed ones and reports those no longer listed. Only sites of the covered "
        "countries, unless --all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The World Heritage List export, XLSX or CSV.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="all_countries",
            help="Import every site on the List, not only those of the covered countries.",
        )
        parser.add_argument(
            "--unpublish-missing",
            action="store_true",
            help="Set imported sites that the file no longer lists to draft.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what the import would do, and save nothing.",
        )

    def handle(self, *args, file, all_countries, unpublish_missing, dry_run, **options):
        show_progress = self.stdout.isatty() and options["verbosity"] > 0
        try:
            result = parse_world_heritage(file)
            report = import_world_heritage(
                result=result,
                all_countries=all_countries,
                unpublish_missing=unpublish_missing,
                dry_run=dry_run,
                progress=self.show_progress if show_progress else None,
            )
        except InvalidFileError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        if show_progress:
            self.stdout.write("")
        lines = list(report.lines())
        if options["verbosity"] > 0:
            for line in lines[:-1]:
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(lines[-1]))

    def show_progress(self, done, total):
        width = 30
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
