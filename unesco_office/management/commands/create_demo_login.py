from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from unesco_office.demo.login import ADMIN_URL, create_demo_login, login_instructions


class Command(BaseCommand):
    help = (
        "Create the superuser “admin” with a random password, printed once. "
        "An existing “admin” is left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the login even though DEBUG is off.",
        )
        parser.add_argument(
            "--admin-url",
            default=ADMIN_URL,
            help="The admin's address to print (default: %(default)s).",
        )

    def handle(self, *args, force=False, admin_url=ADMIN_URL, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "create_demo_login creates a superuser for a development site, but DEBUG is "
                "off. Set DJANGO_DEBUG=1, or pass --force; for a real site use "
                "manage.py createsuperuser."
            )
        self.stdout.write(login_instructions(create_demo_login(), admin_url=admin_url))
        if settings.ADMIN_REQUIRE_2FA:
            self.stdout.write(
                "Two-factor authentication is required (DJANGO_ADMIN_REQUIRE_2FA): the first "
                "sign-in asks you to set up an authenticator app on your phone."
            )
