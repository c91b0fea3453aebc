"""Reading what the feeds and downloads send, as their clients would."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"


def body(response):
    """The whole body, streamed or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response):
    """The rows as dicts, after checking the byte order mark and the content type."""
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def read_json(response):
    assert response["Content-Type"] == "application/json"
    return json.loads(body(response))


def read_atom(response):
    """The feed as feedparser reads it, after checking that it is well-formed Atom with
    every element RFC 4287 requires of a feed and of its entries."""
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    content = body(response)
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(content)  # noqa: S314 (the feed the site itself just wrote)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    assert root.findtext(f"{ATOM}author/{ATOM}name")
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert entry.findtext(f"{ATOM}author/{ATOM}name")
    for entry in parsed.entries:
        assert entry.updated_parsed and entry.published_parsed
    return parsed
