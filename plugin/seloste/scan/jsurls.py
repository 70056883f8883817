"""URLs that JavaScript makes the browser load, and consent checks written in a site's code.

A loader in JS rarely shows its URL as one piece: ``s.src = '//' + shortname +
'.disqus.com/embed.js'``, legacy ga.js's ``('https:' == document.location.protocol ?
'https://ssl' : 'http://www') + '.google-analytics.com/ga.js'``. What is assigned to
``src``/``href``, passed to ``setAttribute('src', …)`` or to a loader function is read
as an expression: its string literals, joined where a host is built by concatenation.
Every regex here is bounded, so each runs in linear time over any script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..fields_repr import FieldsRepr
from .html import split_url
from .starts import matches_from, occurrences

#: Where JS hands a URL to the browser to load: ``x.src =``, ``x.href =``,
#: ``setAttribute('src', …)``, and common loader functions (jQuery's getScript…).
_LOAD_CONTEXT_RE = re.compile(
    r"""(?:\.(?:src|href)\s*=(?!=)|setAttribute\(\s*["'](?:src|href|data-src)["']\s*,"""
    r"""|\b(?:getScript|loadScript|loadJS|loadJs|importScripts|injectScript|addScript"""
    r"""|appendScript|loadExternalScript)\s*\(\s*\[?)\s*"""
)
#: Where a match of ``_LOAD_CONTEXT_RE`` can start: each alternative opens with one of these
#: (a ``\b`` in front is zero-width). The regex opens with no literal, so ``finditer`` tried
#: it at every character (~0.2 s for a 660 kB script); it is tried only where these are.
_LOAD_CONTEXT_STARTS = (
    ".src",
    ".href",
    "setAttribute(",
    "getScript",
    "loadScript",
    "loadJS",
    "loadJs",
    "importScripts",
    "injectScript",
    "addScript",
    "appendScript",
    "loadExternalScript",
)
#: How far an expression may reach after its context (a URL built over a few terms).
EXPRESSION_REACH = 400
#: String terms read per expression ('https://ssl' : 'http://www') + '.x.com/ga.js' has 3).
MAX_TERMS = 8
_LITERAL_RE = re.compile(r""""([^"\\\n]{0,300})"|'([^'\\\n]{0,300})'|`([^`\\$\n]{0,300})`""")
#: A host suffix that a concatenation completes: ".disqus.com/embed.js", "ssl.x.com/ga.js".
_HOST_TAIL_RE = re.compile(r"^\.?((?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24})((?:[/?#][^\s]*)?)$", re.I)


@dataclass(frozen=True, repr=False)
class LoadUrl(FieldsRepr):
    host: str
    rest: str
    start: int  # offsets of the evidence in the script
    end: int
    #: True when the host was completed from a concatenation (".disqus.com" after "//" + x).
    partial: bool = False


def _expression(body: str, start: int) -> str:
    """The expression starting at ``start``: up to ``;``, a line break or the reach
    (``body`` may be cut short where the next expression starts)."""
    window = body[start : start + EXPRESSION_REACH]
    for stop in (";", "\n"):
        cut = window.find(stop)
        if cut >= 0:
            window = window[:cut]
    return window


def load_urls(body: str) -> list[LoadUrl]:
    """Every URL ``body`` assigns to ``src``/``href`` or passes to a loader (see module)."""
    if "src" not in body and "href" not in body and "cript" not in body:
        return []
    out: list[LoadUrl] = []
    contexts = _load_contexts(body)
    for index, context in enumerate(contexts):
        begin = context.end()
        # an expression ends where the next one starts: each character is read once
        limit = contexts[index + 1].start() if index + 1 < len(contexts) else len(body)
        expression = _expression(body[:limit], begin)
        literals = []
        for m in _LITERAL_RE.finditer(expression):
            literals.append((m.start() + begin, m.end() + begin, m.group(m.lastindex or 1)))
            if len(literals) >= MAX_TERMS:
                break
        found = _url_of(literals)
        if found is not None:
            out.append(found)
    return out


def _load_contexts(body: str) -> list[re.Match[str]]:
    """``list(_LOAD_CONTEXT_RE.finditer(body))``, the pattern tried only where a match can
    start (``_LOAD_CONTEXT_STARTS``), in order, each after the end of the match before."""
    starts = (at for literal in _LOAD_CONTEXT_STARTS for at in occurrences(body, literal))
    return matches_from(_LOAD_CONTEXT_RE, body, starts)


def _url_of(literals: list[tuple[int, int, str]]) -> LoadUrl | None:
    scheme_seen = False
    for start, end, text in literals:
        parts = split_url(text)
        if parts is not None:
            return LoadUrl(parts[0], parts[1], start, end)
        if "//" in text:  # "//", "https://ssl": the host follows in a later term
            scheme_seen = True
            continue
        if scheme_seen:
            tail = _HOST_TAIL_RE.match(text)
            if tail:
                rest = tail.group(2) or "/"
                return LoadUrl(
                    tail.group(1).lower(),
                    rest if rest[0] == "/" else "/" + rest,
                    start,
                    end,
                    partial=True,
                )
    return None


#: A condition or call in the site's own code that decides on consent at run time. The
#: loader inside its block runs only when it says yes, which no static scan can judge.
_CONSENT_BLOCK_RE = re.compile(
    r"""\bif\s*\([^){};]{0,200}?(?:consent|cookie|allow|accept|opt_?in|gdpr|tracking|"""
    r"""marketing|analytics|statistic)"""
    r"""|\b(?:on(?:Accept|Consent|Allow|Change|StatusChange|Initiali[sz]e)\w{0,30}|"""
    r"""isAllowed\w{0,30}|hasConsent\w{0,30}|consentGiven|getConsent\w{0,30}|"""
    r"""CookiebotOnAccept|CookieConsentOnAccept|OptanonWrapper|OnetrustActiveGroups|"""
    r"""__tcfapi|cmp_accepted|cookieyes-consent-update)\b""",
    re.IGNORECASE,
)
#: Consent-manager attributes or a blocked type put on an element from JS (Klaro, Cookiebot…).
_CONSENT_ATTR_RE = re.compile(
    r"""setAttribute\(\s*["']data-(?:name|category|cookieconsent|cookiecategory|type)["']"""
    r"""|\.type\s*=\s*["'](?:text/plain|opt-in)["']""",
    re.IGNORECASE,
)
#: How far before a loader its consent check may start.
GATE_REACH = 3000


#: Where a script element ends: a page's text holds many scripts, and the check must stay
#: inside the loader's own (no ``</script`` can occur inside a script's body in HTML).
_SCRIPT_END_RE = re.compile(r"</script", re.IGNORECASE)


def site_code_gate(body: str, offset: int) -> bool:
    """Whether the loader at ``offset`` sits inside the script's own consent check:
    after a consent condition or callback whose block is still open there, or in a
    script that puts consent-manager attributes on what it creates.

    ``body`` may be a whole page: only the script element holding ``offset`` counts, so
    Material's own consent check (``if("undefined"!=typeof __md_analytics){…}``) in the
    script before a pasted snippet does not make the snippet look gated.

    The answer depends on that stretch of text alone (and the character before it, for
    ``\b``): a snippet pasted into a theme override is the same on every page, so it is
    worked out once per text (the two patterns run over up to 6,000 characters)."""
    floor = max(0, offset - GATE_REACH)
    for end in _SCRIPT_END_RE.finditer(body, floor, offset):
        floor = end.end()
    after = _SCRIPT_END_RE.search(body, offset, min(len(body), offset + GATE_REACH))
    ceiling = after.start() if after else min(len(body), offset + GATE_REACH)
    lead = floor - 1 if floor else 0
    key = (body[lead:ceiling], offset - lead, floor - lead)
    known = _GATES.get(key)
    if known is None:
        known = _gate_in(*key)
        if len(_GATES) >= GATES_KEPT:
            _GATES.clear()
        _GATES[key] = known
    return known


#: site_code_gate's answers by (text, offset in it, where the script's part starts in it).
_GATES: dict[tuple[str, int, int], bool] = {}
GATES_KEPT = 256


def _gate_in(text: str, offset: int, floor: int) -> bool:
    """``site_code_gate`` on the stretch ``text[floor:]`` (``text[floor - 1]``, when there
    is one, is the character before it) for the loader at ``offset``."""
    for match in _CONSENT_BLOCK_RE.finditer(text, floor, offset):
        between = text[match.end() : offset]
        if between.count("{") > between.count("}"):
            return True
    return bool(_CONSENT_ATTR_RE.search(text, floor))


#: A Content-Security-Policy directive: hosts after it are allowed, not loaded.
_CSP_RE = re.compile(
    r"""(?:(?:default|script|style|img|font|connect|frame|child|media|object|worker|"""
    r"""manifest|prefetch)-src(?:-elem|-attr)?|Content-Security-Policy)\b[^"`\n;]{0,300}$""",
    re.IGNORECASE,
)


def in_csp(body: str, offset: int) -> bool:
    """Whether the URL at ``offset`` is a host listed in a CSP string, not a load."""
    return bool(_CSP_RE.search(body, max(0, offset - 300), offset))
