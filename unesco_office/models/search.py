"""What the site search reads and what editors tell it (see unesco_office.public.search)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from unesco_office.core.analysis import key_of
from unesco_office.core.models import OneLineFields


class SearchDocument(models.Model):
    """The words of one record in one language, analysed as search compares them, by weight:
    its name; its summary and the names of what it belongs to (country, sectors, designation,
    kind, city); its body. Each column holds the words separated by spaces, with a space at
    either end. Kept on every save of the record (unesco_office.public.search.documents).

    On PostgreSQL `vector` holds the same words as a tsvector, which a GIN index searches; on
    SQLite an FTS5 table mirrors the three columns (migration unesco_office 0009)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey()
    language = models.CharField(max_length=10)
    name_key = models.TextField(blank=True)  # the name's words: an exact match of a query
    name_length = models.PositiveSmallIntegerField(default=0)  # how many words the name has
    names = models.TextField()
    texts = models.TextField()
    more = models.TextField()
    vector = SearchVectorField(null=True)

    # Written with the record's own save, which already drops the cached pages.
    changes_public_pages = False

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="searchdocument_one_per_record_and_language",
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} [{self.language}]"


class SearchWord(models.Model):
    """A word (folded, not stemmed) of some record's name: what a misspelt word of a search
    that found nothing is compared with, to suggest another."""

    word = models.CharField(max_length=60, unique=True)

    changes_public_pages = False

    def __str__(self):
        return self.word


class SearchSynonym(models.Model):
    """Words and names that a search takes as one: a search for any of them looks for all."""

    terms = models.TextField(
        _("words and names that mean the same"),
        help_text=_(
            "One per line, in any language, e.g. “Forbidden City”, “紫禁城”, “故宫”. A search "
            "for one of them also finds the others."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class PromotedResult(OneLineFields):
    """A record shown first for a search, whatever else the search finds."""

    query = models.CharField(
        _("search"),
        max_length=100,
        help_text=_("The search as visitors type it; case, accents and spacing do not matter."),
    )
    query_key = models.CharField(max_length=100, editable=False, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey()
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower first, when several are promoted.")
    )

    class Meta:
        verbose_name = _("promoted result")
        verbose_name_plural = _("promoted results")
        ordering = ["query_key", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["query_key", "content_type", "object_id"],
                name="promotedresult_once_per_search",
            )
        ]

    def __str__(self):
        return f"{self.query} → {self.record}"

    def save(self, *args, **kwargs):
        self.query_key = key_of(self.query)[:100]
        super().save(*args, **kwargs)

    def clean(self):
        # The key is no field of the form, so the form's check of the unique constraint
        # leaves it out: the same page promoted twice for a search is refused here.
        self.query_key = key_of(self.query)[:100]
        if self.content_type_id is not None and self.object_id is not None:
            twin = PromotedResult.objects.filter(
                query_key=self.query_key,
                content_type_id=self.content_type_id,
                object_id=self.object_id,
            ).exclude(pk=self.pk)
            if twin.exists():
                raise ValidationError(_("This page is already promoted for this search."))


class SearchMiss(models.Model):
    """How many searches for a text found nothing on a day: the text and the day only,
    nothing of who searched."""

    query = models.CharField(_("search"), max_length=100)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)

    # Written by visitors' searches: a write that must not drop every cached page.
    changes_public_pages = False

    class Meta:
        verbose_name = _("search with no results")
        verbose_name_plural = _("searches with no results")
        ordering = ["-day", "-searches"]
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="searchmiss_one_per_day")
        ]

    def __str__(self):
        return self.query
