"""Template tags for what a page tells search engines and link previews (see unesco_office.public.seo)."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

from unesco_office.public import seo

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render the enclosed template (blocks included, so
    child templates still fill them) into the variable `name`, to use it more than once."""
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one argument: a variable name.") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """The canonical address, Open Graph locales and share image of the page being rendered.

    The share image is that of the page's record (the `object` of a detail view), if any.
    """
    request = context["request"]
    current = translation.get_language()
    return {
        "canonical_url": seo.canonical_url(request, context.get("page_obj")),
        "locale": seo.open_graph_locale(current),
        "alternate_locales": [
            seo.open_graph_locale(code) for code, _name in settings.LANGUAGES if code != current
        ],
        "image": seo.share_image(context.get("object"), request),
    }


@register.filter
def description(obj):
    """The record's meta description: its summary or a sentence from its facts, cut short."""
    return seo.meta_description(obj)


@register.simple_tag(takes_context=True)
def json_ld(context, obj):
    """The record's schema.org data in a <script type="application/ld+json">."""
    data = seo.structured_data(obj, context["request"], context["office"])
    if data is None:
        return ""
    return seo.json_ld_script(data)
