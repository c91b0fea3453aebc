"""Rich text is reduced to the allow-list on every save, whichever path the HTML took."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from modeltranslation.utils import get_translation_fields

from events.models import Event
from sectors.models import Sector
from tests.factories import CountryFactory, EventFactory, SectorFactory
from unesco_office.core.richtext import ALLOWED_TAGS, ALLOWED_URL_SCHEMES, sanitize_html
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

SCRIPT_BASE64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>

# Each vector is what a compromised account, a hostile paste or an import could put in a body.
HOSTILE = {
    # script elements
    "script_tag": "<script>alert(1)</script>",
    "script_src_upper_case": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "script_split_by_script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "script_between_paragraphs": "<p>a</p><script>alert(1)</script><p>b</p>",
    "script_double_open_bracket": "<<script>alert(1)//<</script>",
    # event handlers, on allowed and on unknown elements
    "img_onerror": "<img src=x onerror=alert(1)>",
    "p_onclick": '<p onclick="alert(1)">click</p>',
    "strong_onmouseover": "<strong onmouseover=alert(1)>x</strong>",
    "heading_with_attributes": (
        '<h2 id="x" class="y" onfocus=alert(1) tabindex=1 style="color:red">x</h2>'
    ),
    "li_onclick": "<ul><li onclick=alert(1)>x</li></ul>",
    "link_onmouseover": '<p><a href="https://ok.example/" onmouseover="alert(1)">x</a></p>',
    "body_onload": "<body onload=alert(1)>x",
    "details_ontoggle": "<details open ontoggle=alert(1)>x</details>",
    "marquee_onstart": "<marquee onstart=alert(1)>x</marquee>",
    "audio_onerror": "<audio src=x onerror=alert(1)>",
    "video_source_onerror": '<video><source onerror="alert(1)"></video>',
    "input_image_onerror": '<input type="image" src=x onerror=alert(1)>',
    "frameset_onload": "<frameset onload=alert(1)>",
    # javascript: in every disguise
    "js_href": '<a href="javascript:alert(1)">x</a>',
    "js_href_mixed_case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "js_href_leading_spaces": '<a href="   javascript:alert(1)">x</a>',
    "js_href_tab": '<a href="java\tscript:alert(1)">x</a>',
    "js_href_newline": '<a href="java\nscript:alert(1)">x</a>',
    "js_href_carriage_return": '<a href="java\rscript:alert(1)">x</a>',
    "js_href_tab_entity": '<a href="java&#x09;script:alert(1)">x</a>',
    "js_href_newline_entity": '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "js_href_decimal_entities": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'
    ),
    "js_href_padded_entities_without_semicolons": (
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
        '&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>'
    ),
    "js_href_hex_entities": (
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>'
    ),
    "js_href_colon_entity": '<a href="javascript&colon;alert(1)">x</a>',
    "js_href_colon_decimal_entity": '<a href="javascript&#58;alert(1)">x</a>',
    "js_href_nul_entity": '<a href="java&#0;script:alert(1)">x</a>',
    "js_href_nul_entity_first": '<a href="&#0;javascript:alert(1)">x</a>',
    "js_href_control_characters_first": '<a href="\x01\x02javascript:alert(1)">x</a>',
    "js_href_entity_and_spaces_first": '<a href=" &#14;  javascript:alert(1)">x</a>',
    "js_href_backticks": "<a href=`javascript:alert(1)`>x</a>",
    "js_href_unquoted": "<a href=javascript:alert(1)>x</a>",
    "js_href_beside_allowed_title": '<a href="javascript:alert(1)" title="fine">x</a>',
    "js_href_nested_in_allowed_link": (
        '<a href="https://ok.example/"><a href="javascript:alert(1)">x</a></a>'
    ),
    "js_cite_on_blockquote": '<blockquote cite="javascript:alert(1)">x</blockquote>',
    # other executable schemes
    "data_href_base64": f'<a href="data:text/html;base64,{SCRIPT_BASE64}">x</a>',
    "data_href_html": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data_href_svg": '<a href="data:image/svg+xml,<svg onload=alert(1)>">x</a>',
    "vbscript_href": '<a href="vbscript:msgbox(1)">x</a>',
    "vbscript_href_mixed_case": '<a href="VbScRiPt:msgbox(1)">x</a>',
    # embedded documents
    "iframe_src": '<iframe src="https://evil.example/"></iframe>',
    "iframe_js_src": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe_data_src": '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "iframe_srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object_js_data": '<object data="javascript:alert(1)"></object>',
    "object_data_base64": f'<object data="data:text/html;base64,{SCRIPT_BASE64}"></object>',
    "embed_js_src": '<embed src="javascript:alert(1)">',
    # SVG and MathML namespaces
    "svg_onload": "<svg onload=alert(1)>",
    "svg_script": "<svg><script>alert(1)</script></svg>",
    "svg_xlink_href": (
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>'
    ),
    "svg_animate_onbegin": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "svg_set_href": '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    "svg_style_mutation": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "svg_cdata": "<svg><![CDATA[<img src=x onerror=alert(1)>]]></svg>",
    "math_href": '<math href="javascript:alert(1)">x</math>',
    "math_maction": (
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'
    ),
    "math_mglyph_mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # style
    "style_attribute_url": '<p style="background:url(javascript:alert(1))">x</p>',
    "style_attribute_expression": '<div style="width: expression(alert(1))">x</div>',
    "style_element_import": '<style>@import "javascript:alert(1)";</style>',
    "link_stylesheet": '<link rel="stylesheet" href="javascript:alert(1)">',
    # document-level tricks
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base_href": '<base href="javascript:alert(1)//">',
    "form_action": '<form action="javascript:alert(1)"><input type=submit></form>',
    "button_formaction": '<form><button formaction="javascript:alert(1)">x</button></form>',
    "isindex_action": '<isindex action="javascript:alert(1)" type=image>',
    "table_background": '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    # raw-text and inert containers
    "template_script": "<template><script>alert(1)</script></template>",
    "template_img": "<template><img src=x onerror=alert(1)></template>",
    "noscript_breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "noembed_img": "<noembed><img src=x onerror=alert(1)></noembed>",
    "xmp_script": "<xmp><script>alert(1)</script></xmp>",
    "textarea_script": "<textarea><script>alert(1)</script></textarea>",
    "title_script": "<title><script>alert(1)</script></title>",
    "plaintext_script": "<plaintext><script>alert(1)</script>",
    # broken markup
    "unterminated_link": '<a href="javascript:alert(1)"',
    "unterminated_img": "<img src=x onerror=alert(1)//",
    "unclosed_nesting": "<div><p>nested <em><strong><script>alert(1)</script>",
    "comment": "<!--<img src=x onerror=alert(1)>-->",
    "conditional_comment": "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "comment_closed_early": "<!-- --!><img src=x onerror=alert(1)> -->",
}

EXECUTABLE_WORDS = re.compile(r"javascript|vbscript|<script|\bon[a-z]+\s*=", re.IGNORECASE)


class ParsedHtml(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser's tokenizer sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.text = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def tags(self):
        return {tag for tag, _attrs in self.elements}


def is_allowed_href(href):
    """An absolute http(s)/mailto/tel URL, or a path or anchor on this site."""
    scheme = urlsplit(href).scheme.lower()
    if scheme:
        return scheme in ALLOWED_URL_SCHEMES
    return href.startswith("#") or (href.startswith("/") and not href.startswith(("//", "/\\")))


def assert_structure_is_safe(html):
    parsed = ParsedHtml(html)
    assert parsed.tags <= ALLOWED_TAGS, html
    for tag, attrs in parsed.elements:
        if tag == "a":
            assert set(attrs) <= {"href", "title", "rel"}, html
            assert attrs.get("rel") == "noopener noreferrer", html
            if "href" in attrs:
                assert is_allowed_href(attrs["href"]), html
        else:
            assert attrs == {}, html


def assert_inert(html):
    """Nothing executable: only allowed structure, and no script words anywhere in the HTML."""
    assert_structure_is_safe(html)
    assert not EXECUTABLE_WORDS.search(html), html


def render_like_templates(obj, field="body"):
    return Template(f"{{{{ obj.{field}|safe }}}}").render(Context({"obj": obj}))


def sector_form_data(sector):
    """What the admin change form of `sector` posts when saved as it is shown."""
    published_at = timezone.localtime(sector.published_at)
    texts = {  # one field per language: name_en, name_fr, name_zh_hans…
        name: getattr(sector, name) or ""
        for name in get_translation_fields(
            "name", "tagline", "summary", "body", "image_alt", "image_caption"
        )
    }
    return texts | {
        "slug": sector.slug,
        "code": sector.code,
        "colour": sector.colour,
        "order": str(sector.order),
        "image_credit": "",
        "status": sector.status,
        "published_at_0": published_at.date().isoformat(),
        "published_at_1": published_at.time().isoformat(),
        "unpublish_at_0": "",
        "unpublish_at_1": "",
    }


def sector_change_url(sector):
    return reverse("admin:sectors_sector_change", args=[sector.pk])


@pytest.fixture
def sector():
    return SectorFactory(body="<p>Before.</p>")


@pytest.fixture
def post_body(publisher_client, sector):
    """Save `html` as the sector's body through the admin change form, as a publisher."""
    url = sector_change_url(sector)
    data = sector_form_data(sector)

    def post(html):
        response = publisher_client.post(url, {**data, "body_en": html})
        assert response.status_code == 302, response.context["adminform"].form.errors
        sector.refresh_from_db()
        return sector

    return post


def test_the_form_data_matches_the_admin_form(publisher_client, sector):
    form = publisher_client.get(sector_change_url(sector)).context["adminform"].form
    data = sector_form_data(sector)

    split = ("published_at", "unpublish_at")  # date and time inputs of one field
    fields = {name for name in data if not name.startswith(split)} | set(split)
    assert fields == set(form.fields) - {"image"}


def test_corpus_is_large_enough():
    assert len(HOSTILE) >= 50
    # Without the sanitiser, most of the corpus fails the checks the tests below apply.
    assert sum(bool(EXECUTABLE_WORDS.search(html)) for html in HOSTILE.values()) >= 50


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_saved_through_admin_is_stored_and_rendered_inert(post_body, html):
    sector = post_body(html)

    assert sector.body != "<p>Before.</p>"  # the form really saved this value
    assert_inert(sector.body)
    assert_inert(render_like_templates(sector))
    # Stored output is already clean: saving it again changes nothing.
    assert sanitize_html(sector.body) == sector.body


def test_a_raw_nul_is_refused_by_the_form_and_cleaned_on_the_orm_path(publisher_client, sector):
    vector = '<a href="java\x00script:alert(1)">x</a>'
    url = sector_change_url(sector)
    data = sector_form_data(sector)

    response = publisher_client.post(url, {**data, "body_en": vector})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["body_en"] == ["Null characters are not allowed."]
    sector.refresh_from_db()
    assert sector.body == "<p>Before.</p>"
    sector.body = vector
    sector.save()
    sector.refresh_from_db()
    assert sector.body == '<a rel="noopener noreferrer">x</a>'


def test_hostile_html_is_cleaned_in_the_add_view_too(publisher_client):
    url = reverse("admin:sectors_sector_add")
    data = {
        "name_en": "Culture",
        "slug": "culture",
        "code": "CLT",
        "colour": "#0077D4",
        "order": "1",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "body_en": '<p onclick="alert(1)">Living heritage</p><script>alert(1)</script>',
    }

    response = publisher_client.post(url, data)

    assert response.status_code == 302
    assert Sector.objects.get(code="CLT").body == "<p>Living heritage</p>"


def test_words_like_javascript_in_prose_stay_text():
    """Prose may mention script words; they are kept as escaped text, never as markup."""
    polyglot = (
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/"
        "</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e"
    )
    sector = SectorFactory(body=polyglot)
    sector.refresh_from_db()

    assert_structure_is_safe(sector.body)
    assert_structure_is_safe(render_like_templates(sector))
    assert ParsedHtml(sector.body).elements == []
    assert "<script" not in sector.body.lower()
    assert "oNcliCk=alert()" in sector.body  # the words themselves are kept, as text


ALLOWED_DOCUMENT = (
    "<h2>Culture in Mongolia</h2>"
    "<p>Text with <strong>strong</strong> and <em>emphasised</em> words,<br>and a line break.</p>"
    "<h3>Sites</h3>"
    "<ul><li>Orkhon Valley</li><li>Great Burkhan Khaldun Mountain</li></ul>"
    "<h4>Dates</h4>"
    "<ol><li>First</li><li>Second</li></ol>"
    "<blockquote><p>A quotation.</p></blockquote>"
    '<p><a href="https://whc.unesco.org/" title="World Heritage Centre">https</a> '
    '<a href="http://example.org/">http</a> '
    '<a href="mailto:office@example.org">mail</a> '
    '<a href="tel:+97611123456">phone</a> '
    '<a href="/events/">events</a> '
    '<a href="#programme">programme</a></p>'
)


def test_every_allowed_construct_survives_the_admin(post_body):
    sector = post_body(ALLOWED_DOCUMENT)

    parsed = ParsedHtml(sector.body)
    assert parsed.tags == ALLOWED_TAGS
    links = [attrs for tag, attrs in parsed.elements if tag == "a"]
    assert [link["href"] for link in links] == [
        "https://whc.unesco.org/",
        "http://example.org/",
        "mailto:office@example.org",
        "tel:+97611123456",
        "/events/",
        "#programme",
    ]
    assert links[0]["title"] == "World Heritage Centre"
    # Nothing but the rel the sanitiser adds to links has changed.
    assert sector.body == ALLOWED_DOCUMENT.replace('">', '" rel="noopener noreferrer">')
    assert render_like_templates(sector) == sector.body


def test_unsupported_headings_and_images_are_dropped_but_their_text_kept(post_body):
    sector = post_body(
        '<h1>Title</h1><h5>Small</h5><p>Photo: <img src="https://example.org/a.jpg" alt="a"></p>'
    )

    assert sector.body == "TitleSmall<p>Photo: </p>"
    assert not {"h1", "h5", "img"} & ParsedHtml(sector.body).tags


@pytest.mark.parametrize(
    "href",
    ["//evil.example/", "/\\evil.example/", "events/", "ftp://example.org/", "file:///etc/passwd"],
)
def test_links_other_than_web_mail_phone_or_site_paths_lose_their_href(href):
    assert sanitize_html(f'<a href="{href}">x</a>') == '<a rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize("empty", ["<p></p>", "<p><br></p>", "  <p></p>\n"])
def test_an_empty_editor_paragraph_is_saved_as_an_empty_string(post_body, empty):
    sector = post_body(empty)

    assert sector.body == ""


def test_orm_save_sanitises_without_any_form():
    sector = SectorFactory(body='<p onclick="alert(1)">x</p><script>alert(1)</script>')
    assert sector.body == "<p>x</p>"  # the instance itself is updated by save()

    sector.body = '<a href="javascript:alert(1)">y</a>'
    sector.save()
    sector.refresh_from_db()

    assert sector.body == '<a rel="noopener noreferrer">y</a>'


def test_queryset_update_and_bulk_update_sanitise_too():
    sector = SectorFactory()

    Sector.objects.filter(pk=sector.pk).update(body="<p>a</p><script>alert(1)</script>")
    assert Sector.objects.get(pk=sector.pk).body == "<p>a</p>"

    sector.body = '<p onclick="alert(1)">b</p>'
    Sector.objects.bulk_update([sector], ["body"])
    assert Sector.objects.get(pk=sector.pk).body == "<p>b</p>"


def test_orm_create_sanitises_the_office_profile_intro():
    OfficeProfile.objects.create(
        name="UNESCO Office", intro='<p>Welcome<img src=x onerror="alert(1)"></p>'
    )

    intro = OfficeProfile.objects.get().intro
    assert intro == "<p>Welcome</p>"
    assert_inert(render_like_templates(OfficeProfile.load(), "intro"))


def test_orm_save_sanitises_the_event_body():
    event = EventFactory(country=CountryFactory())
    event.body = '<iframe srcdoc="<script>alert(1)</script>"></iframe><p>Programme</p>'
    event.save()

    assert Event.objects.get(pk=event.pk).body == "<p>Programme</p>"
