"""The scanner against a hostile filesystem and hostile text (issue #8, points 8 and 9).

Nothing on disk makes it crash: broken links, link loops, unreadable files and
folders are findings (S103–S105) and `scan`/`check` exit 2. Pages with a UTF-16/32
byte-order mark are decoded. Every regex the scanner runs takes linear time.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BARE_REGISTRY
from seloste.cli import main
from seloste.findings import SelosteError
from seloste.scan import Scanner, builtin_signatures, parse_signatures, scan_directory
from seloste.scan import html as scan_html_module
from seloste.scan import jsurls as jsurls_module
from seloste.scan import scanner as scanner_module
from seloste.scan import signatures as signatures_module
from seloste.scan.html import split_url
from seloste.scan.signatures import backtracking_risk

GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>'
REGISTRY = (
    BARE_REGISTRY
    + """\
services:
  - id: google-analytics
    ids: ['G-7QK2LMN3PZ']
"""
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text(f"<html><head>{GA}</head></html>")
    (root / "en" / "index.html").write_text("<html><body>Hello</body></html>")
    return root


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(REGISTRY)
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def codes(result) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in result.problems]


# -- the filesystem --------------------------------------------------------------------------


def test_broken_symlink_is_s105_and_the_rest_is_scanned(site):
    (site / "gone.html").symlink_to(site / "nowhere.html")
    result = scan_directory(site)
    assert codes(result) == [("S105", "gone.html")]
    assert "broken symbolic link" in result.problems[0].message
    assert [d.service for d in result.detections] == ["google-analytics"]
    assert not result.complete


def test_symlink_loop_is_s105_naming_the_loop(site):
    (site / "a.js").symlink_to(site / "b.js")
    (site / "b.js").symlink_to(site / "a.js")
    result = scan_directory(site)
    assert codes(result) == [("S105", "a.js"), ("S105", "b.js")]
    assert all("loop" in p.message for p in result.problems)


def test_unreadable_file_is_s103(site, monkeypatch):
    target = site / "en" / "index.html"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = scan_directory(site)
    assert codes(result) == [("S103", "en/index.html")]
    assert "Permission denied" in result.problems[0].message


def test_unreadable_folder_is_s104_not_skipped_silently(site, monkeypatch):
    real = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("/en"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = scan_directory(site)
    assert codes(result) == [("S104", "en")]
    assert "nothing in it was scanned" in result.problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file_and_folder_for_real(site):  # pragma: no cover - not as root
    (site / "secret.html").write_text(GA)
    (site / "secret.html").chmod(0)
    (site / "en").chmod(0)
    try:
        result = scan_directory(site)
    finally:
        (site / "en").chmod(0o755)
        (site / "secret.html").chmod(0o644)
    assert sorted(codes(result)) == [("S103", "secret.html"), ("S104", "en")]


def test_scan_command_exits_2_on_a_partial_scan(site):
    (site / "gone.html").symlink_to(site / "nowhere.html")
    out = CliRunner().invoke(main, ["scan", str(site), "--format", "json"])
    assert out.exit_code == 2
    data = json.loads(out.stdout)
    assert data["complete"] is False
    assert data["problems"][0]["code"] == "S105"
    assert "gone.html" in out.stderr and "S105" in out.stderr
    assert "Traceback" not in out.output


def test_check_command_exits_2_and_reports_what_it_could_not_read(site, registry):
    (site / "a.js").symlink_to(site / "a.js")  # a link to itself: a loop
    out = run("check", str(site), "-r", str(registry))
    assert out.exit_code == 2, out.output
    assert "S105" in out.output and "a.js" in out.output and "loop" in out.output


def test_check_exits_by_its_findings_when_everything_was_read(site, registry):
    out = run("check", str(site), "-r", str(registry))
    assert out.exit_code == 1  # the ungated Google Analytics, not an input error
    assert "S10" not in out.output


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_pages_with_a_utf16_or_utf32_bom_are_decoded(site, encoding):
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[encoding]
    page = '<html><head>\n<script src="https://static.hotjar.com/c/hotjar-1.js"></script>'
    (site / "en" / "index.html").write_bytes(bom + page.encode(encoding))
    (site / "x.js").write_bytes(bom + "fbq('init', '123456789012345');".encode(encoding))
    found = {(d.service, d.path, d.line) for d in scan_directory(site).detections}
    assert ("hotjar", "en/index.html", 2) in found
    assert ("meta-pixel", "x.js", 1) in found


# -- user signature patterns -----------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern", ["(x+x+)+y", "(a|ab)*c", "([a-z0-9]+\\.)+example", "(?:\\d*)*z", "(a+){2,}b"]
)
def test_user_patterns_that_backtrack_exponentially_are_refused_with_s106(pattern):
    text = f"evil:\n  markers: ['{pattern}']\n"
    with pytest.raises(SelosteError) as info:
        parse_signatures(text, "mine.yaml")
    finding = info.value.findings[0]
    assert (finding.code, finding.path, finding.line) == ("S106", "mine.yaml", 2)
    assert pattern in finding.message and finding.fix


def test_s106_also_guards_path_and_id_patterns():
    text = "evil:\n  loaders: [{host: x.example, path: '/(a+)+$'}]\n  ids: ['id=((\\d+)+)']\n"
    with pytest.raises(SelosteError) as info:
        parse_signatures(text, "mine.yaml")
    assert [f.code for f in info.value.findings] == ["S106", "S106"]


@pytest.mark.parametrize("pattern", ["x+y", "widget\\.init\\(\\s*['\"](\\w+)", "(?:ab)+c"])
def test_ordinary_patterns_are_accepted(pattern):
    assert backtracking_risk(pattern) is None


def test_every_builtin_signature_pattern_is_safe():
    for sig in builtin_signatures().by_service.values():
        for pattern in (*sig.markers, *sig.ids, *(p.path for p in sig.loaders if p.path)):
            assert backtracking_risk(pattern) is None, (sig.service, pattern)


# -- linear time -----------------------------------------------------------------------------

MB = 1 << 20
#: A generous bound of CPU time (the machine may be shared): a linear pass over 1 MB
#: takes milliseconds; the quadratic and exponential shapes this guards against took
#: from 4 seconds to minutes.
GUARD = 3.0


def _scanner_regexes() -> list[tuple[re.Pattern[str], bool]]:
    """(regex, searched): every regex the scanner runs, and whether it is searched through
    a text (else matched at one place: URL patterns are matched against one URL)."""
    found = []
    for module in (scanner_module, scan_html_module, signatures_module, jsurls_module):
        found += [(v, True) for v in vars(module).values() if isinstance(v, re.Pattern)]
    sigs = builtin_signatures()
    for sig in sigs.by_service.values():
        found += [(re.compile(p), True) for p in (*sig.markers, *sig.ids)]
        found += [(p.compile(), False) for p in (*sig.loaders, *sig.pixels)]
    return found


def _adversarial(regex: re.Pattern[str]) -> list[str]:
    """1 MB texts made of the pattern's own pieces: runs of its literal prefix and of
    each literal character, which make a backtracking engine retry from every position."""
    literals = "".join(dict.fromkeys(c for c in regex.pattern if c.isprintable() and c != "\\"))
    prefix = signatures_module.required_literal(regex.pattern, 1) or literals[:8]
    texts = [(prefix * (MB // max(1, len(prefix)) + 1))[:MB]]
    texts += [(prefix + " ") * (MB // (len(prefix) + 1))]
    texts += [(c * MB) for c in literals[:6] if c.isalnum() or c in "<>/.'\"=(-: "][:3]
    return texts


REGEXES = _scanner_regexes()


@pytest.mark.parametrize("index", range(len(REGEXES)))
def test_every_scanner_regex_is_linear_on_1_mb_adversarial_input(index):
    regex, searched = REGEXES[index]
    signatures = builtin_signatures()
    for text in _adversarial(regex):
        start = time.process_time()
        if searched:
            for _ in regex.finditer(text):
                pass
            regex.match(text)
        else:  # a URL pattern: matched against one URL's host (at most 253 characters) + path
            parts = split_url("//" + text)
            if parts:
                signatures.match_url(*parts)
            signatures.match_url(text[:253].strip("/"), "/" + text)
        elapsed = time.process_time() - start
        assert elapsed < GUARD, f"{regex.pattern!r} took {elapsed:.1f} s on {text[:20]!r}…"


SLOW_INPUTS = {
    "100,000 unclosed noscript": ("p.html", "<noscript>" * 100_000),
    "20,000 comments + style url()": (
        "p.html",
        '<!-- c --><p style="background: url(/a.png)">x</p>' * 20_000,
    ),
    "one-line CSS with url(//…)": (
        "big.css",
        "".join(f"a{i}{{background:url(//h{i}.example.com/x.png)}}" for i in range(25_000)),
    ),
    "20 KB of <link rel=canonical": ("p.html", "<link rel=canonical " * 1_000),
    "style= outside any tag": ("p.html", "x" * 1000 + ' style="url(//a.example/)"' * 30_000),
    "unclosed img tags": ("p.html", "<img src='//a.example/x.png' " * 50_000),
    "unclosed comments and quotes": ("p.html", "<!-- \"'<script>" * 50_000),
    "src assignments without an end": ("p.js", "x.src = '//' + a + '.b" * 40_000),
    "consent checks without a block": ("p.js", "if (consent) x.src='//a.example/x.js'\n" * 20_000),
}


@pytest.mark.parametrize("name", list(SLOW_INPUTS))
def test_the_slow_inputs_of_issue_8_scan_in_linear_time(name):
    path, text = SLOW_INPUTS[name]
    scanner = Scanner()
    start = time.process_time()
    if path.endswith((".css", ".js")):
        scanner.scan_asset(path, text)
    else:
        scanner.scan_html(path, text)
    assert time.process_time() - start < GUARD


FRAGMENTS = [
    "<noscript>",
    "</noscript>",
    "<script>",
    "</script>",
    "<style>",
    "<textarea>",
    "<!--",
    "-->",
    "<link rel=canonical ",
    "<link rel=stylesheet href='//fonts.googleapis.com/css'",
    "<img src='//x.example/a.png' ",
    '<p style="background:url(//y.example/b.png)">',
    " style='",
    "url(//",
    "@import '//z.example/c.css';",
    "'",
    '"',
    ">",
    "<",
    "//",
    "gtag('config','G-",
    "_hjSettings={hjid:",
    "s.src=",
    "setAttribute('src', ",
    "if (readCookie('consent')) {",
    "tarteaucitron.job",
    "style-src 'self' ",
    "\n",
]


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(FRAGMENTS), st.integers(min_value=1, max_value=3000)),
        min_size=1,
        max_size=6,
    )
)
def test_pathological_nesting_never_hangs(parts):
    """Runs of tags nested inside one another and never closed, in any order."""
    text = "".join(fragment * count for fragment, count in parts)
    scanner = Scanner()
    start = time.process_time()
    scanner.scan_html("p.html", text)
    scanner.scan_asset("p.js", text)
    scanner.scan_asset("p.css", text)
    assert time.process_time() - start < 2 * GUARD
