"""The office itself: one row that the home and about pages read."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unesco_office.core.models import TimeStampedModel, year_in_range, year_validators
from unesco_office.core.richtext import RichTextField


class OfficeProfile(TimeStampedModel):
    """The office itself: one row that the home and about pages read."""

    name = models.CharField(_("office name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("For example: UNESCO Beijing")
    )
    head_of_office = models.CharField(_("head of office"), max_length=200, blank=True)
    head_title = models.CharField(
        _("head's title"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for “Head of Office”, in the visitor's language."),
    )
    year_established = models.PositiveSmallIntegerField(
        _("year established"), null=True, blank=True, validators=year_validators
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), help_text=_("Shown on the home page."))
    history = RichTextField(_("history and mandate"), help_text=_("Shown on the about page."))
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    weibo_url = models.URLField(_("Weibo"), blank=True)
    wechat_id = models.CharField(_("WeChat account"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("office profile")
        verbose_name_plural = _("office profile")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="officeprofile_single_row"),
            models.CheckConstraint(
                condition=year_in_range("year_established"), name="officeprofile_year_range"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about")

    @classmethod
    def load(cls):
        """The profile, or an unsaved empty one before staff have filled it in."""
        return cls.objects.filter(pk=1).first() or cls(name="")

    @property
    def social_links(self):
        links = [
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
            ("Weibo", self.weibo_url),
        ]
        return [(label, url) for label, url in links if url]
