"""Hypothesis strategies shared by the tests that throw anything at the public pages."""

from urllib.parse import quote, quote_from_bytes

from hypothesis import strategies as st

values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates().map(str),
    st.datetimes().map(str),
    st.sampled_from(["%00", "%FF", "%E2%82", "%%", "%2", "+", "&", "=", "..", "\\"]),
)


@st.composite
def query_strings(draw, keys, slugs=()):
    """A query string of the page's own parameters (`keys`) and others, holding known values
    (`slugs`), text, huge numbers, dates, broken escapes and raw bytes."""
    key = st.one_of(st.sampled_from(keys), st.text(max_size=20))
    value = st.one_of(st.sampled_from(slugs), values) if slugs else values
    pairs = draw(st.lists(st.tuples(key, value), max_size=8))
    raw = draw(st.lists(st.tuples(st.sampled_from(keys), st.binary(max_size=40)), max_size=2))
    parts = [f"{quote(k, safe='')}={quote(v, safe='%')}" for k, v in pairs]
    parts += [f"{k}={quote_from_bytes(v, safe='')}" for k, v in raw]
    return "&".join(parts)
