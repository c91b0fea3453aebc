"""Rich text: edited with ProseMirror in the admin, stored as sanitised HTML.

The allow-list is the whole contract: anything not named here is removed on every save,
whatever path the value took (admin form, import, shell).
"""

import nh3
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = {"p", "a", "ul", "ol", "li", "strong", "em", "h2", "h3", "h4", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

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

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
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
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
