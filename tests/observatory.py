"""The Mozilla HTTP Observatory's scoring rules, applied to this site's responses in tests.

Source: MDN HTTP Observatory, "Tests & Scoring" (developer.mozilla.org/en-US/observatory/
docs/tests_and_scoring) and the scoring table its scanner grades with (mdn/mdn-http-observatory,
src/grader/charts.js). Every site starts at 100. The penalties (negative modifiers) are
taken off first; the bonuses are added only if the score is then 90 or more. The grade of
100 or more is A+; the most the published rules give is 135.

One result per test, with its name and modifier as published. What a scan of the live site
adds and these rules leave out: `hsts-preloaded` (+5, only for a domain on the browsers'
preload list), certificate checks, and the CORS policy files (crossdomain.xml). Where the
published table and the scanner differed (the table once gave CORP 0 and +5 the wrong way
round), the scanner's values are used: CORP `same-origin` is +10.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

MODIFIERS = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Cross-Origin-Resource-Policy
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
    # Redirection (from http:// to https://)
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    # Referrer-Policy
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # Strict-Transport-Security
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    # Subresource Integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options (or CSP frame-ancestors)
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
}

BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
INLINE = {"'unsafe-inline'", "data:"}
SIX_MONTHS = 15_552_000  # the scanner's threshold (15768000 rounded down, as sites use it)
REFERRER_PRIVATE = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
REFERRER_UNSAFE = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}


@dataclass(frozen=True)
class Result:
    test: str
    result: str

    @property
    def modifier(self):
        return MODIFIERS[self.result]


@dataclass(frozen=True)
class Score:
    results: list

    @property
    def total(self):
        penalties = sum(result.modifier for result in self.results if result.modifier < 0)
        bonuses = sum(result.modifier for result in self.results if result.modifier > 0)
        score = 100 + penalties
        return max(score + bonuses if score >= 90 else score, 0)

    def breakdown(self):
        return "\n".join(f"{r.modifier:+4d}  {r.test}: {r.result}" for r in self.results)


def score(https_response, http_response, origin="https://observatory.example"):
    """The score of a page from its response over HTTPS (to a request sent with an Origin
    header, as the scanner's is) and the response to the same address over plain HTTP."""
    try:
        csp = parse_csp(https_response.headers.get("Content-Security-Policy"))
    except ValueError:
        csp = INVALID
    return Score(
        [
            Result("content-security-policy", content_security_policy(csp)),
            Result("cookies", cookies(https_response)),
            Result("cross-origin-resource-sharing", cors(https_response, origin)),
            Result("cross-origin-resource-policy", corp(https_response)),
            Result("redirection", redirection(http_response)),
            Result("referrer-policy", referrer_policy(https_response)),
            Result("strict-transport-security", hsts(https_response)),
            Result("subresource-integrity", subresource_integrity(https_response)),
            Result("x-content-type-options", x_content_type_options(https_response)),
            Result("x-frame-options", x_frame_options(https_response, csp)),
        ]
    )


INVALID = {}


def parse_csp(header):
    """{directive: set of sources}, None without a policy; ValueError if unreadable."""
    if header is None:
        return None
    policy = {}
    for part in header.split(";"):
        words = part.strip().split()
        if not words:
            continue
        name = words[0].lower()
        if name in policy:
            raise ValueError(f"directive {name} twice")
        policy[name] = {word if word.startswith("'") else word.lower() for word in words[1:]}
    return policy


def effective_sources(sources):
    """A directive's sources as browsers apply them: a nonce or hash makes them ignore
    'unsafe-inline'."""
    sources = set(sources)
    if any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources):
        sources.discard("'unsafe-inline'")
    return sources


def content_security_policy(csp):
    if csp is None:
        return "csp-not-implemented"
    if csp is INVALID:
        return "csp-header-invalid"
    default = csp.get("default-src")
    script = effective_sources(csp.get("script-src", default or {"*"}))
    style = effective_sources(csp.get("style-src", default or {"*"}))
    objects = csp.get("object-src", default or {"*"})
    active = [
        s for name, sources in csp.items() if name not in {"img-src", "media-src"} for s in sources
    ]
    passive = [s for name in ("img-src", "media-src") for s in csp.get(name, default or set())]
    if script & (BROAD | INLINE) or objects & BROAD:
        return "csp-implemented-with-unsafe-inline"
    if any(s.startswith(("http:", "ftp:")) for s in active):
        return "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval"
    if any(s.startswith(("http:", "ftp:")) for s in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if style & (BROAD | INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none"
    return "csp-implemented-with-no-unsafe"


# The worst problem found decides; later in this list is worse.
COOKIE_PROBLEMS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookie_problems(name, morsel, protected):
    """What is wrong with one cookie; `protected`: the site sends a long enough HSTS."""
    problems = set()
    session = "login" in name.lower() or "sess" in name.lower()
    samesite = morsel["samesite"].lower()
    if samesite and samesite not in {"strict", "lax", "none"}:
        problems.add("cookies-samesite-flag-invalid")
    if samesite == "none" and not morsel["secure"]:
        problems.add("cookies-samesite-flag-invalid")
    if not morsel["secure"]:
        hsts_said = "-but-protected-by-hsts" if protected else ""
        problems.add(f"cookies-without-secure-flag{hsts_said}")
        if session:
            problems.add(f"cookies-session-without-secure-flag{hsts_said}")
    if "csrf" in name.lower() and not samesite:
        problems.add("cookies-anticsrf-without-samesite-flag")
    if session and not morsel["httponly"]:
        problems.add("cookies-session-without-httponly-flag")
    return problems


def cookies(response):
    if not response.cookies:
        return "cookies-not-found"
    protected = hsts(response) == "hsts-implemented-max-age-at-least-six-months"
    problems = set()
    for name, morsel in response.cookies.items():
        problems |= cookie_problems(name, morsel, protected)
    all_samesite = all(morsel["samesite"] for morsel in response.cookies.values())
    if problems:
        return max(problems, key=COOKIE_PROBLEMS.index)
    if all_samesite:
        return "cookies-secure-with-httponly-sessions-and-samesite"
    return "cookies-secure-with-httponly-sessions"


def cors(response, origin):
    allowed = response.headers.get("Access-Control-Allow-Origin")
    if allowed is None:
        return "cross-origin-resource-sharing-not-implemented"
    credentials = response.headers.get("Access-Control-Allow-Credentials", "").lower() == "true"
    if allowed.strip() == origin and credentials:
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    if allowed.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def corp(response):
    value = response.headers.get("Cross-Origin-Resource-Policy")
    if value is None:
        return "corp-not-implemented"
    return {
        "same-origin": "corp-implemented-with-same-origin",
        "same-site": "corp-implemented-with-same-site",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value.strip().lower(), "corp-header-invalid")


def redirection(http_response):
    """The first answer to the page's http:// address."""
    if http_response.status_code not in {301, 302, 303, 307, 308}:
        return "redirection-missing"
    request_host = http_response.wsgi_request.get_host()
    target = urlsplit(http_response.headers["Location"])
    if target.scheme != "https":
        return "redirection-not-to-https"  # at best the -10 of a later hop to https
    if target.netloc != request_host:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def referrer_policy(response):
    header = response.headers.get("Referrer-Policy")
    if header is None:
        return "referrer-policy-not-implemented"
    values = [v.strip().lower() for v in header.split(",")]
    known = [v for v in values if v in REFERRER_PRIVATE | REFERRER_UNSAFE]
    if not known:
        return "referrer-policy-header-invalid"
    return "referrer-policy-private" if known[-1] in REFERRER_PRIVATE else "referrer-policy-unsafe"


def hsts(response):
    header = response.headers.get("Strict-Transport-Security")
    if header is None:
        return "hsts-not-implemented"
    max_age = None
    for part in header.split(";"):
        part = part.strip().lower()
        if part.startswith("max-age="):
            try:
                max_age = int(part[len("max-age=") :])
            except ValueError:
                return "hsts-header-invalid"
    if max_age is None or "," in header:
        return "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


class ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


# Later in this list is worse.
SRI_ORDER = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
]


def script_finding(url, same_origin, integrity, result):
    """What one script with a `src` says about the page's integrity hashes, if anything."""
    secure = url.scheme == "https" or not url.netloc
    if same_origin:
        if integrity and secure and result is None:
            return "sri-implemented-and-all-scripts-loaded-securely"
        return None
    if integrity:
        return None if secure else "sri-implemented-but-external-scripts-not-loaded-securely"
    if secure:
        return "sri-not-implemented-but-external-scripts-loaded-securely"
    return "sri-not-implemented-and-external-scripts-not-loaded-securely"


def subresource_integrity(response):
    """Scripts from other sites need an integrity hash; the page's own are fine without."""
    if response.headers.get("Content-Type", "").split(";")[0] != "text/html":
        return "sri-not-implemented-response-not-html"
    finder = ScriptFinder()
    finder.feed(response.content.decode())
    if not finder.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    host = response.wsgi_request.get_host()
    result, foreign = None, False
    for script in finder.scripts:
        if "src" not in script:
            continue
        url = urlsplit(script["src"])
        same_origin = not url.netloc or (url.netloc == host and bool(url.scheme))
        foreign = foreign or not same_origin
        found = script_finding(url, same_origin, bool(script.get("integrity")), result)
        if found and (result is None or SRI_ORDER.index(found) > SRI_ORDER.index(result)):
            result = found
    if result:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def x_content_type_options(response):
    header = response.headers.get("X-Content-Type-Options")
    if header is None:
        return "x-content-type-options-not-implemented"
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def x_frame_options(response, csp):
    if csp and "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp"
    header = response.headers.get("X-Frame-Options")
    if header is None:
        return "x-frame-options-not-implemented"
    value = header.strip().lower()
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"
