"""The one escaping discipline for everything the registry puts into Markdown or HTML.

Registry text is data, never markup. Every value that flows from the registry
into a page (texts, names, URLs, e-mail addresses, cookie names, ids) passes
through exactly one function of this module, chosen by where it lands:

=====================  =====================================================================
``md_block(text)``     a paragraph-level text: keeps the marketer's paragraphs, line breaks
                       and ``-``/``1.`` lists (as the registry docs promise), nothing else
``md_inline(text)``    one line: a table cell, a heading, a bold name, a list item's label
``md_code(text)``      a cookie name shown as code, on one line
``md_link(label, url)`` a link whose target is a web address (``http``/``https`` only);
                       anything else is shown as text
``md_mailto(email)``   a ``mailto:`` link for a plain address, else the address as text
``md_anchor(value)``   a heading id (``[a-z0-9-]``)
``html_text(text)``,   the same promise for HTML written directly (no Markdown between)
``html_attr(text)``
=====================  =====================================================================

What "never markup" means in Markdown: no HTML (``<`` and ``&`` are escaped), no
inline syntax (emphasis, code, links, images, attribute lists, the extensions'
``~~``, ``==``, ``^^``, ``++``, ``:emoji:``, ``$math$``), and no block construct
opened by where a line starts (heading, quote, list, table, admonition ``!!!``,
details ``???``, definition ``:``, fenced or indented code, setext underline).
Characters Python-Markdown can backslash-escape get a backslash; the others get
a numeric character reference, which every Markdown flavour (Python-Markdown,
Goldmark, kramdown) shows as the character itself.

Link targets are percent-encoded (spaces, brackets, parentheses, pipes, quotes),
so no character of an address can end the link, split a table cell or open an
attribute; a scheme other than ``http``/``https`` (``javascript:``, ``data:``)
never becomes a link. The registry loader refuses such addresses earlier with
R116 (``registry/textcheck.py``); this module does not rely on that.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

# --- Markdown text ------------------------------------------------------------------------------

#: Characters Python-Markdown (and CommonMark) read as inline syntax and can backslash-escape.
_INLINE = re.compile(r"([\\`*_\[\]|{}!#])")
#: Characters with syntax in common extensions but no backslash escape in Python-Markdown
#: (``\~`` would show the backslash): written as character references instead.
_ENTITIES = {"~": "&#126;", "=": "&#61;", "^": "&#94;", "$": "&#36;"}
_ENTITY_RE = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
#: ``++keys++`` (pymdownx.keys) and ``:emoji:`` (pymdownx.emoji): only these pairs are syntax.
_PLUS_PAIR = re.compile(r"\+(?=\+)|(?<=\+)\+")
_EMOJI_COLON = re.compile(r":(?=[\w+-])")
#: A marker that would start a block at a line's start (after ``_INLINE``/entities ran):
#: heading (escaped already), quote, list, admonition ``???``/``!!!``, definition ``:``.
_LINE_START = re.compile(r"^(?:[>+\-?:]|\d+(?=[.)]))")
_LINE_START_ENTITY = {"?": "&#63;", ":": "&#58;"}
#: The list lines ``md_block`` keeps as lists: ``- a``, ``* a``, ``• a``; ``1. a``, ``1) a``.
_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+(?=\S)")
_NUMBERED = re.compile(r"^[ \t]*(\d{1,9})[.)][ \t]+(?=\S)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
#: Every line break a reader's editor or the Unicode standard knows.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """All whitespace (line breaks included) as single spaces."""
    return " ".join(text.split())


def md_block(text: str | None) -> str:
    """Registry text as Markdown that shows exactly what was written, in its layout.

    The marketer's structure is kept, as the registry docs promise for ``|`` blocks:
    blank lines separate paragraphs, lines starting with ``- ``, ``* `` or ``• ``
    become a bullet list, lines ``1. ``, ``2. ``… a numbered list (only when it
    starts at 1: a line such as ``6. toukokuuta alkaen`` stays text), an indented
    line after a list item continues that item, and any other line break stays a
    line break. Everything else is text (see the module).
    """
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text).strip()
    blocks: list[tuple[str | None, str]] = []
    for chunk in _BLANK_LINES.split(text):
        blocks += _blocks(chunk.split("\n"))
    out: list[str] = []
    for index, (kind, block) in enumerate(blocks):
        if kind and index and blocks[index - 1][0]:
            # Two lists in a row would merge into one; an empty comment ends the first.
            out.append("<!-- -->")
        out.append(block)
    return "\n\n".join(out)


def _blocks(lines: list[str]) -> list[tuple[str | None, str]]:
    """One blank-line-separated chunk: alternating runs of text lines and list items."""
    out: list[tuple[str | None, str]] = []
    kind: str | None = None  # None (text), "ul" or "ol"
    items: list[str] = []
    for line in lines:
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if numbered and kind != "ol" and numbered.group(1) != "1":
            numbered = None  # "6. toukokuuta": a date, not the start of a list
        marker_match = bullet or numbered
        if marker_match:
            new_kind = "ul" if bullet else "ol"
            if kind != new_kind:
                _flush(out, kind, items)
                kind, items = new_kind, []
            rest = line[marker_match.end() :]
            marker = "-" if bullet else f"{numbered.group(1)}." if numbered else "-"
            items.append(f"{marker} {md_inline(rest)}")
        elif kind and items and line[:1].isspace() and line.strip():
            items[-1] += "  \n    " + md_inline(line)  # an indented continuation
        else:
            if kind:
                _flush(out, kind, items)
                kind, items = None, []
            items.append(md_inline(line))
    _flush(out, kind, items)
    return out


def _flush(out: list[tuple[str | None, str]], kind: str | None, items: list[str]) -> None:
    items = [i for i in items if i.strip()]
    if not items:
        return
    # Text lines keep their breaks (two trailing spaces); list items are one per line.
    out.append((kind, ("\n" if kind else "  \n").join(items)))


def md_inline(text: str | None) -> str:
    """One line of text for any inline place (table cell, heading, bold name): every line
    break becomes a space; no HTML, no inline syntax, no block marker at its start."""
    if not text:
        return ""
    escaped = html.escape(one_line(text), quote=False)
    escaped = _INLINE.sub(r"\\\1", escaped)
    escaped = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group()], escaped)
    escaped = _PLUS_PAIR.sub("&#43;", escaped)
    escaped = _EMOJI_COLON.sub("&#58;", escaped)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group()
    if marker[0].isdigit():  # "1. " would start a list: escape the dot, not the digits
        return f"{marker}\\"
    if marker in _LINE_START_ENTITY:
        return _LINE_START_ENTITY[marker]
    return f"\\{marker}"


def md_code(text: str | None) -> str:
    """A cookie name or id as inline code, on one line; as escaped text when a backtick or
    a pipe (a table cell's end) makes a code span unsafe."""
    if not text:
        return ""
    flat = one_line(text)
    if "`" in flat or "|" in flat:
        return md_inline(flat)
    return f"`{flat}`"


def md_anchor(value: str, fallback: str = "section") -> str:
    """A heading id made of ``a-z``, ``0-9`` and ``-`` only."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or fallback


# --- URLs --------------------------------------------------------------------------------------

#: Web addresses only; ``mailto:`` is made by ``md_mailto`` from an address, never taken as is.
WEB_SCHEMES = ("http", "https")
#: ASCII characters of a URL that would end a Markdown link target, split a table cell or
#: leave an HTML attribute: percent-encoded (``%`` stays: the address may be encoded already;
#: letters beyond ASCII stay, so ``https://ääkköset.fi/`` reads as written).
#: Written as the characters it matches (controls, space, ``"'()<>[\]^`{|}``, DEL to NBSP):
#: the same set as ``[^A-Za-z0-9/:?#&=%~.\-_+!*,;@$\u00a1-\U0010ffff]``, whose range up to
#: U+10FFFF took Python's regex compiler ~4 ms in every build (tests/test_markup_charsets.py).
_URL_UNSAFE = re.compile(r"[\x00-\x20\"'()<>\[\\\]^`{|}\x7f-\xa0]")
_CONTROL_OR_SPACE = re.compile(
    r"[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ud800-\udfff]"
)


def url_problem(url: str, schemes: tuple[str, ...] = WEB_SCHEMES) -> str | None:
    """Why ``url`` cannot be a link (for R116), or None when it can."""
    from .messages import msg  # only when there is a problem to tell

    if _CONTROL_OR_SPACE.search(url):
        return msg("R116.problem.space")
    if any(char in url for char in '<>"\\`'):
        return msg("R116.problem.char")
    try:
        parts = urlsplit(url)
    except ValueError:
        return msg("R116.problem.invalid")
    if parts.scheme.lower() not in schemes:
        allowed = f" {msg('R.or')} ".join(s + "://" for s in schemes)
        if parts.scheme:
            return msg("R116.problem.scheme", scheme=f"'{parts.scheme}:'", allowed=allowed)
        return msg("R116.problem.no_scheme", allowed=allowed)
    if not parts.netloc or not parts.hostname:
        return msg("R116.problem.no_host")
    return None


def safe_url(url: str | None, schemes: tuple[str, ...] = WEB_SCHEMES) -> str | None:
    """``url`` percent-encoded for a link target, or None when it must not be a link."""
    if not url or url_problem(url, schemes) is not None:
        return None
    return _URL_UNSAFE.sub(lambda m: quote(m.group(), safe=""), url)


def md_link(label_markdown: str, url: str | None) -> str:
    """``[label](url)`` for a web address; the address as plain text otherwise.

    ``label_markdown`` is Markdown already (fixed wording, or escaped registry text).
    """
    if not url:
        return ""
    target = safe_url(url)
    if target is None:
        return md_inline(url)
    return f"[{label_markdown}]({target})"


#: Stricter than the model's check: only these addresses become links.
_PLAIN_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def md_mailto(email: str | None) -> str:
    """A mailto link for a plain address; anything else is shown as escaped text.

    Not an ``<autolink>``: Python-Markdown would obfuscate it into entities, which
    hides the address from search, scanners and the tests reading the built page.
    """
    if not email:
        return ""
    if _PLAIN_EMAIL_RE.match(email):
        return f"[{md_inline(email)}](mailto:{email})"
    return md_inline(email)


# --- HTML --------------------------------------------------------------------------------------


def html_text(text: str | None) -> str:
    """Registry text inside an HTML element."""
    return html.escape(one_line(text or ""), quote=False)


def html_attr(text: str | None) -> str:
    """Registry text inside a double- or single-quoted HTML attribute."""
    return html.escape(one_line(text or ""), quote=True)


__all__ = [
    "WEB_SCHEMES",
    "html_attr",
    "html_text",
    "md_anchor",
    "md_block",
    "md_code",
    "md_inline",
    "md_link",
    "md_mailto",
    "one_line",
    "safe_url",
    "url_problem",
]
