"""Rich text: edited with ProseMirror in the admin, stored as sanitised HTML.

The allow-list is the whole contract: anything not named here is removed on every save,
whatever path the value took (admin form, import, shell).
"""

import nh3
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = {"p", "a", "ul", "ol", "li", "strong", "em", "h2", "h3", "h4", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Elements whose content is never prose: they go with everything inside them, rather than
# leaving their raw text (markup, script, SVG/MathML source) behind as escaped characters.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "textarea",
    "title",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
}

# The editor offers exactly what the sanitiser keeps, so staff never lose formatting on save.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    "History": True,
}


def _site_relative_url(url):
    """Keep a URL without a scheme only as a path on this site (/...) or an anchor (#...).

    Any other scheme-less value (a "javascript:" broken by a NUL or wrapped in backticks,
    a protocol-relative "//host" or "/\\host") is something a browser might read differently
    from the sanitiser, so the attribute is dropped.
    """
    if url.startswith("#") or (url.startswith("/") and not url.startswith(("//", "/\\"))):
        return url
    return None


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    url_relative=_site_relative_url,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html):
    """Return `html` reduced to the allow-list; an editor's empty paragraph becomes ''."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


class RichTextField(ProseEditorField):
    """A text column of sanitised HTML, edited with the prose editor."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs["config"] = {"extensions": EDITOR_EXTENSIONS}
        kwargs["sanitize"] = sanitize_html
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        """save(), create() and bulk_create(): the instance is left holding what is stored.

        Each language's column of a translated field (body_en, body_fr…) is a RichTextField
        of its own and is sanitised here. The value goes straight into the instance's
        __dict__: on the original field of a translated one (`body`), setattr() would go
        through modeltranslation's descriptor and copy the text it read, possibly another
        language's fallback, into the active language's column.
        """
        value = sanitize_html(getattr(model_instance, self.attname))
        model_instance.__dict__[self.attname] = value
        return value

    def get_db_prep_save(self, value, connection):
        """Also every value QuerySet.update() and bulk_update() write, which skip pre_save()."""
        if isinstance(value, str):
            value = sanitize_html(value)
        return super().get_db_prep_save(value, connection)

    def from_db_value(self, value, expression, connection):
        """What the database holds was sanitised on its way in, so it is safe to render as is
        (also in the admin's read-only view, which would otherwise show the tags)."""
        return mark_safe(value) if value else value  # noqa: S308
