"""The accounts locked by the login throttle (unesco_office.staff.login_throttle)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountLock(models.Model):
    """A user name that failed to sign in too often from all addresses together, refused
    until `locked_until` from everywhere. The row outlives its lock, so that the next lock
    of the same user name lasts longer (`lockouts` counts the locks in a row); deleting it
    unlocks the account and starts the delay again."""

    username = models.CharField(_("user name"), max_length=255, unique=True)
    locked_until = models.DateTimeField(_("locked until"))
    lockouts = models.PositiveIntegerField(_("locks in a row"), default=0)

    # Staff's workflow and accounts: never shown on a public page.
    changes_public_pages = False

    class Meta:
        verbose_name = _("account sign-in lock")
        verbose_name_plural = _("account sign-in locks")

    def __str__(self):
        return self.username

    @property
    def is_locked(self):
        return self.locked_until > timezone.now()
