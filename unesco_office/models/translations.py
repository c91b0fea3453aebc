"""What each translation was made from, so that staff see which translations a change of the
English made out of date (see unesco_office.staff.translations)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    """One field of one record in one language: the English text its translation was made
    from, and the translation as it was then. Kept whenever the translation is saved; when
    the English no longer reads as `source`, the translation is out of date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey()
    field = models.CharField(_("field"), max_length=50)
    language = models.CharField(_("language"), max_length=10)
    source = models.TextField(_("English text it was translated from"))
    translation = models.TextField(_("translation"))
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("translation source")
        verbose_name_plural = _("translation sources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translationsource_one_per_field_and_language",
            )
        ]

    def __str__(self):
        return f"{self.record} · {self.field} [{self.language}]"
