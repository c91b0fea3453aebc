from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unesco_office.core.models import Illustrated, Publishable
from unesco_office.core.richtext import RichTextField


class Sector(Illustrated, Publishable):
    """A programme sector of UNESCO (Education, Culture…): the office's work is filed under them."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", _("The code is 2 to 6 capital letters."))],
        help_text=_("UNESCO's code: ED, SC, SHS, CLT, CI."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = RichTextField(_("body"))
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0077D4",
        validators=[
            RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("The colour is # followed by six hex digits."))
        ],
        help_text=_("A hex colour such as #0077D4."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        permissions = [("publish_sector", _("Can publish and unpublish sectors"))]
        constraints = [
            *Publishable.publishing_constraints("sector"),
            *Illustrated.image_constraints("sector"),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2,6}$"),
                name="sector_code_uppercase",
                violation_error_message=_("The code is 2 to 6 capital letters."),
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="sector_colour_hex",
                violation_error_message=_("The colour is # followed by six hex digits."),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="sector_slug_not_empty"),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="sector_visible")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sectors:detail", args=[self.slug])
