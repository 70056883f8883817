"""Catalogue services added for real MkDocs and Finnish marketing sites (beyond the 23 ids).

Each service is checked end to end on the snippet its vendor (or the theme that pastes it)
tells people to use, in the plain style and gated the way docs/*/consent.md tells:
``seloste scan --format json`` finds it with its id and the right ``consent_gated``; an
undeclared one is T101 and a declared one passes ``seloste check``; a registry declaring
it renders privacy and cookie notices in fi and en naming its provider and cookies; and
``seloste services --format json`` lists it. Ids in the snippets are made up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY
from seloste import catalog
from seloste.catalog.cookies import cookies_for
from seloste.cli import main
from seloste.notices.common import NoticeLinks
from seloste.notices.cookies import render_cookie_notice
from seloste.notices.privacy import render_privacy_notice
from seloste.registry.load import load_registry
from seloste.scan import Scanner, builtin_signatures
from seloste.scan.signatures import backtracking_risk

PAGE = """<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<link rel="canonical" href="https://www.kespet.fi/blogi/">
{head}
</head>
<body>
<article class="md-content__inner md-typeset"><h1>Blogi</h1><p>Tervetuloa.</p></article>
{body}
</body>
</html>
"""


def page(head: str = "", body: str = "") -> str:
    return PAGE.format(head=head, body=body)


# --- the vendors' snippets -----------------------------------------------------------------

# Material for MkDocs' math setup puts MathJax from a public CDN in extra_javascript; the
# built page carries the <script src>. jsDelivr's own docs give the /npm/<package>@<v>/ URLs.
JSDELIVR_MATHJAX = """<script>window.MathJax = {tex: {inlineMath: [["\\\\(", "\\\\)"]]}};</script>
<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>"""

# Mermaid's ES-module snippet (mermaid.js.org "Usage"): an import from jsDelivr.
JSDELIVR_MERMAID_ESM = """<script type="module">
  import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs';
  mermaid.initialize({ startOnLoad: true });
</script>"""

# Material for MkDocs' math page: KaTeX (and MathJax) from unpkg in extra_javascript.
UNPKG_KATEX = """<script src="javascripts/katex.js"></script>
<script src="https://unpkg.com/katex@0/dist/katex.min.js"></script>
<script src="https://unpkg.com/katex@0/dist/contrib/auto-render.min.js"></script>"""
UNPKG_MATHJAX = """<script src="https://unpkg.com/mathjax@3/es5/tex-mml-chtml.js"></script>"""

# highlight.js as the `mkdocs` and `readthedocs` themes load it by default, from cdnjs
# (their stylesheet <link> from cdnjs too: test_cdnjs_stylesheet_link_is_a_load).
CDNJS_HIGHLIGHT = """<script src="https://cdnjs.cloudflare.com/ajax/libs/highlight.js/10.5.0/highlight.min.js"></script>
<script>hljs.highlightAll();</script>"""
CDNJS_STYLESHEET = """<link href="https://cdnjs.cloudflare.com/ajax/libs/highlight.js/10.5.0/styles/github.min.css" rel="stylesheet">"""

# The snippet giscus.app generates, as Material's "Adding a comment system" pastes it into
# overrides/partials/comments.html, with the palette synchronisation script after it (its
# "https://giscus.app" is a postMessage target, not a load).
GISCUS = """<h2 id="__comments">Kommentit</h2>
<script src="https://giscus.app/client.js"
        data-repo="kespet/sivusto"
        data-repo-id="R_kgDOKx1a2b"
        data-category="Announcements"
        data-category-id="DIC_kwDOKx1a2c4Cb3d4"
        data-mapping="pathname"
        data-strict="0"
        data-reactions-enabled="1"
        data-emit-metadata="0"
        data-input-position="top"
        data-theme="preferred_color_scheme"
        data-lang="fi"
        crossorigin="anonymous"
        async>
</script>
<script>
  var giscus = document.querySelector("script[src*=giscus]")
  var palette = __md_get("__palette")
  if (palette && typeof palette.color === "object") {
    var theme = palette.color.scheme === "slate" ? "transparent_dark" : "light"
    giscus.setAttribute("data-theme", theme)
  }
  document.addEventListener("DOMContentLoaded", function() {
    var ref = document.querySelector("[data-md-component=palette]")
    ref.addEventListener("change", function() {
      var palette = __md_get("__palette")
      if (palette && typeof palette.color === "object") {
        var theme = palette.color.scheme === "slate" ? "transparent_dark" : "light"
        var frame = document.querySelector(".giscus-frame")
        frame.contentWindow.postMessage(
          { giscus: { setConfig: { theme } } },
          "https://giscus.app"
        )
      }
    })
  })
</script>"""

# The iframe giscus' client.js writes (a site that pre-renders it, or a saved page).
GISCUS_IFRAME = """<div class="giscus"><iframe class="giscus-frame" title="Comments" scrolling="no"
src="https://giscus.app/fi/widget?origin=https%3A%2F%2Fwww.kespet.fi%2Fblogi%2F&amp;repo=kespet%2Fsivusto&amp;repoId=R_kgDOKx1a2b"></iframe></div>"""

# Disqus' universal embed code (Disqus admin, "Universal Code install instructions").
DISQUS = """<div id="disqus_thread"></div>
<script>
    var disqus_config = function () {
    this.page.url = "https://www.kespet.fi/blogi/";
    this.page.identifier = "blogi";
    };
    (function() { // DON'T EDIT BELOW THIS LINE
    var d = document, s = d.createElement('script');
    s.src = 'https://kespet-blogi.disqus.com/embed.js';
    s.setAttribute('data-timestamp', +new Date());
    (d.head || d.body).appendChild(s);
    })();
</script>
<noscript>Please enable JavaScript to view the <a href="https://disqus.com/?ref_noscript">comments powered by Disqus.</a></noscript>"""

# The older universal code: the host is built from the shortname by concatenation.
DISQUS_LEGACY = """<div id="disqus_thread"></div><script>
    var disqus_shortname = 'kespet-blogi';
    (function() {
        var dsq = document.createElement('script'); dsq.type = 'text/javascript'; dsq.async = true;
        dsq.src = '//' + disqus_shortname + '.disqus.com/embed.js';
        (document.getElementsByTagName('head')[0] || document.getElementsByTagName('body')[0]).appendChild(dsq);
    })();
</script>"""

# Disqus' comment-count script.
DISQUS_COUNT = (
    """<script id="dsq-count-scr" src="//kespet-blogi.disqus.com/count.js" async></script>"""
)

# Cloudflare's "JS snippet" (Web Analytics, Manage site) and the same beacon added by a
# script (Cloudflare's snippet for tag managers builds the tag in code).
CLOUDFLARE = """<!-- Cloudflare Web Analytics --><script defer src='https://static.cloudflareinsights.com/beacon.min.js' data-cf-beacon='{"token": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}'></script><!-- End Cloudflare Web Analytics -->"""
CLOUDFLARE_SCRIPTED = """<script>
(function(){
  var s = document.createElement('script');
  s.type = 'text/javascript';
  s.src = 'https://static.cloudflareinsights.com/beacon.min.js';
  s.dataset.cfBeacon = '{"token": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}';
  s.defer = true;
  var t = document.getElementsByTagName('script')[0];
  t.parentNode.insertBefore(s, t);
})()
</script>"""


@dataclass(frozen=True)
class Case:
    """One snippet style of one service: where it goes, the ids the scan must report."""

    name: str
    service: str
    head: str = ""
    body: str = ""
    ids: frozenset[str] = field(default_factory=frozenset)


#: The plain (ungated) snippets, as vendors give them.
CASES = [
    Case("jsdelivr-mathjax", "jsdelivr", head=JSDELIVR_MATHJAX),
    Case("jsdelivr-mermaid-esm", "jsdelivr", body=JSDELIVR_MERMAID_ESM),
    Case("unpkg-katex", "unpkg", head=UNPKG_KATEX),
    Case("unpkg-mathjax", "unpkg", body=UNPKG_MATHJAX),
    Case("cdnjs-highlightjs", "cdnjs", head=CDNJS_HIGHLIGHT),
    Case("giscus", "giscus", body=GISCUS, ids=frozenset({"kespet/sivusto"})),
    Case("giscus-iframe", "giscus", body=GISCUS_IFRAME),
    Case("disqus", "disqus", body=DISQUS),
    Case("disqus-legacy", "disqus", body=DISQUS_LEGACY, ids=frozenset({"kespet-blogi"})),
    Case("disqus-count", "disqus", body=DISQUS_COUNT, ids=frozenset({"kespet-blogi"})),
    Case(
        "cloudflare",
        "cloudflare-web-analytics",
        body=CLOUDFLARE,
        ids=frozenset({"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}),
    ),
    Case(
        "cloudflare-scripted",
        "cloudflare-web-analytics",
        body=CLOUDFLARE_SCRIPTED,
        ids=frozenset({"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}),
    ),
]

#: For tests/test_scan_services.py, which checks every catalogue service:
#: (snippet id, service, head, body, ids the scan must report, other services it loads).
SCAN_SERVICE_CASES = [(c.name, c.service, c.head, c.body, set(c.ids), set()) for c in CASES]


def gated(snippet: str, category: str) -> str:
    """``snippet`` gated as docs/*/consent.md tells: every <script> (and <iframe>) gets
    ``type="text/plain" data-category="…"`` and its ``src`` becomes ``data-src``."""
    out = re.sub(
        r"<script(?=[\s>])",
        f'<script type="text/plain" data-category="{category}"',
        snippet,
    )
    out = re.sub(
        r'<script type="text/plain"([^>]*?) type="module"', r'<script type="text/plain"\1', out
    )
    out = re.sub(r"(<script[^>]*?)\ssrc=", r"\1 data-src=", out)
    return re.sub(r"<iframe([^>]*?)\ssrc=", rf'<iframe data-category="{category}"\1 data-src=', out)


def test_gating_helper_follows_the_consent_docs():
    assert gated('<script async src="https://x.example/a.js"></script>', "marketing") == (
        '<script type="text/plain" data-category="marketing" async '
        'data-src="https://x.example/a.js"></script>'
    )
    docs = (Path(__file__).resolve().parent.parent / "docs/en/consent.md").read_text()
    assert 'type="text/plain"' in docs and 'data-category="<category>"' in docs


ADDED = sorted({case.service for case in CASES})


def category(service: str) -> str:
    info = catalog.service(service)
    assert info is not None
    return info.category


# --- the catalogue entries ------------------------------------------------------------------


@pytest.mark.parametrize("service", ADDED)
def test_catalogue_entry_is_complete_and_honest(service):
    info = catalog.service(service)
    assert info is not None
    assert info.provider and info.privacy_url.startswith("http")
    assert info.role in catalog.ROLES
    assert info.category in {"necessary", "preferences", "statistics", "marketing"}
    assert info.kind in {"tracker", "tag_manager", "embed", "resource", "security"}
    facts = cookies_for(service)
    assert facts is not None, "a cookies.yaml entry (`[]` when it sets none)"
    assert not (info.cookieless and facts)
    raw = catalog.read_data("services.yaml")[service]
    # where the role comes from, or that it could not be confirmed
    assert raw.get("role_source") or raw.get("arrangement"), service


def test_cdns_are_cookieless_resources_like_google_fonts():
    fonts = catalog.service("google-fonts")
    for service in ("jsdelivr", "unpkg", "cdnjs"):
        info = catalog.service(service)
        assert (info.kind, info.category, info.cookieless) == (
            fonts.kind,
            fonts.category,
            fonts.cookieless,
        )
        assert info.role == "controller"  # no agreement with the site: never its processor
    assert catalog.service("jsdelivr").provider == "Volentio JSD Limited"
    assert catalog.service("jsdelivr").transfer.country == "GB"
    assert catalog.service("cdnjs").provider == "Cloudflare, Inc."


def test_comment_services_and_analytics_facts():
    assert catalog.service("disqus").role == "joint_controller"
    assert catalog.service("disqus").category == "marketing"
    assert {f.name for f in cookies_for("disqus")} >= {"disqus_unique", "vglnk.Agent.p"}
    (session,) = cookies_for("giscus")
    assert (session.name, session.technology, session.party) == (
        "giscus-session",
        "local_storage",
        "first",
    )
    cloudflare = catalog.service("cloudflare-web-analytics")
    assert cloudflare.cookieless and cloudflare.role == "processor"
    assert not cloudflare.needs_consent_by_default


# --- signatures -----------------------------------------------------------------------------


@pytest.mark.parametrize("service", ADDED)
def test_signature_patterns_are_linear_time(service):
    sig = builtin_signatures().by_service[service]
    patterns = [p.path for p in sig.loaders + sig.pixels if p.path] + [*sig.markers, *sig.ids]
    assert all(backtracking_risk(p) is None for p in patterns), service
    # adversarial input for each: long runs of the characters the patterns repeat
    hostile = ("data-repo=" + "a" * 20000 + '"token"' * 3000 + "//" + "a-" * 20000) * 2
    scanner = Scanner()
    scanner.scan_html("x.html", page(body=f"<script>{hostile}</script>"))
    scanner.scan_asset("x.js", hostile)


# --- scan: every snippet style, plain and gated ------------------------------------------------


def scan_json(root: Path) -> dict:
    out = CliRunner().invoke(main, ["scan", str(root), "--format", "json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def write_pages(root: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = root / name / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> dict[str, list[dict]]:
    """Every case, plain and gated, in one site scanned once: page name → its detections."""
    pages = {}
    for case in CASES:
        pages[case.name] = page(case.head, case.body)
        cat = category(case.service)
        pages[f"{case.name}-gated"] = page(gated(case.head, cat), gated(case.body, cat))
    root = write_pages(tmp_path_factory.mktemp("additions") / "site", pages)
    data = scan_json(root)
    assert data["unknown_hosts"] == [], data["unknown_hosts"]
    by_page: dict[str, list[dict]] = {name: [] for name in pages}
    for detection in data["detections"]:
        by_page[detection["path"].split("/")[0]].append(detection)
    return by_page


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scan_finds_the_plain_snippet_ungated_with_its_ids(scanned, case):
    found = scanned[case.name]
    assert {d["service"] for d in found} == {case.service}, found
    assert all(d["consent_gated"] is False for d in found), found
    assert case.ids <= {i for d in found for i in d["ids"]}
    assert all(d["path"] == f"{case.name}/index.html" and d["line"] > 5 for d in found)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scan_finds_the_gated_snippet_gated(scanned, case):
    found = scanned[f"{case.name}-gated"]
    assert {d["service"] for d in found} == {case.service}, found
    assert all(d["consent_gated"] is True for d in found), found
    assert {d["consent_category"] for d in found} == {category(case.service)}


def test_cdnjs_stylesheet_link_is_a_load():
    [detection] = Scanner().scan_html("x.html", page(CDNJS_STYLESHEET)).detections
    assert (detection.service, detection.kind, detection.consent_gated) == ("cdnjs", "link", False)


def test_giscus_theme_sync_and_disqus_noscript_link_are_no_loads():
    scanner = Scanner()
    sync = GISCUS.split("</script>", 1)[1]
    assert scanner.scan_html("x.html", page(body=sync)).detections == []
    noscript = DISQUS.split("</script>", 1)[1]
    result = scanner.scan_html("x.html", page(body=noscript))
    assert result.detections == [] and result.unknown_hosts == []


def test_snippets_shown_as_code_samples_are_not_loads():
    # MkDocs escapes a snippet in a fenced code block: it is text, nothing loads
    import html

    samples = "".join(
        f'<pre><code class="language-html">{html.escape(c.head + c.body)}</code></pre>'
        for c in CASES
    )
    result = Scanner().scan_html("ohje.html", page(body=samples))
    assert result.detections == [] and result.unknown_hosts == []


# --- check: undeclared is T101, declared passes -------------------------------------------------

REGISTRY = """\
controller:
  name: Kespet Oy
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
"""


def declaring(service: str) -> str:
    return REGISTRY + f"services:\n  - id: {service}\n"


def check(root: Path, registry_text: str, tmp_path: Path):
    path = tmp_path / "registry.yaml"
    path.write_text(registry_text, encoding="utf-8")
    return CliRunner().invoke(main, ["check", str(root), "-r", str(path)])


def site_for(case: Case, tmp_path: Path, *, gate: bool) -> Path:
    head, body = case.head, case.body
    if gate:
        head, body = gated(head, category(case.service)), gated(body, category(case.service))
    html = page(head, body)
    return write_pages(tmp_path / "site", {"": html, "en": html})


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_undeclared_is_t101_naming_the_service_and_the_fix(tmp_path, case):
    result = check(site_for(case, tmp_path, gate=True), REGISTRY, tmp_path)
    assert result.exit_code == 1, result.output
    t101 = [line for line in result.output.splitlines() if " T101 " in line]
    assert t101 and catalog.service(case.service).name in t101[0], result.output
    assert f"- id: {case.service}" in result.output
    assert " T105 " not in result.output  # no longer an unknown host


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_declared_service_passes_check(tmp_path, case):
    result = check(site_for(case, tmp_path, gate=True), declaring(case.service), tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings", result.output


@pytest.mark.parametrize(
    "case", [c for c in CASES if catalog.service(c.service).cookieless], ids=lambda c: c.name
)
def test_declared_cookieless_service_loaded_before_consent_is_only_a_warning(tmp_path, case):
    # like Google Fonts: no cookies, but the IP address goes to the provider (T108)
    result = check(site_for(case, tmp_path, gate=False), declaring(case.service), tmp_path)
    assert result.exit_code == 0, result.output
    assert " T108 " in result.output and "0 errors, 1 warning" in result.output


def test_declared_disqus_loaded_before_consent_is_an_error(tmp_path):
    case = next(c for c in CASES if c.name == "disqus")
    result = check(site_for(case, tmp_path, gate=False), declaring("disqus"), tmp_path)
    assert result.exit_code == 1, result.output
    assert "marketing" in result.output


# --- notices -----------------------------------------------------------------------------------

LINKS = NoticeLinks(privacy="../tietosuojaseloste/", cookies="../evasteet/")


@pytest.mark.parametrize("service", ADDED)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_declared_service_is_in_the_notices_with_provider_and_cookies(tmp_path, service, lang):
    path = tmp_path / "registry.yaml"
    path.write_text(MINIMAL_REGISTRY + f"services:\n  - id: {service}\n", encoding="utf-8")
    loaded = load_registry(path, ["fi", "en"])
    info = catalog.service(service)
    privacy = render_privacy_notice(loaded, lang, LINKS)
    cookies = render_cookie_notice(loaded, lang, LINKS)
    assert info.provider in privacy or info.provider in cookies
    assert info.name in cookies
    for fact in cookies_for(service) or ():
        assert fact.name in cookies, fact.name


def test_seloste_services_lists_every_added_service():
    out = CliRunner().invoke(main, ["services", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = {row["id"]: row for row in json.loads(out.output)["services"]}
    for service in ADDED:
        info = catalog.service(service)
        assert rows[service]["provider"] == info.provider
        assert rows[service]["cookies"] == [f.name for f in cookies_for(service)]


# --- Material for MkDocs: Mermaid from unpkg, only on pages with a diagram ----------------------

MATERIAL_BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
DIAGRAM = '<pre class="mermaid"><code>graph LR\n  A[Kävijä] --&gt; B[Sivusto]</code></pre>'


def test_material_page_with_a_diagram_loads_mermaid_from_unpkg():
    result = Scanner().scan_html("kaavio/index.html", page(body=DIAGRAM + MATERIAL_BUNDLE))
    [detection] = result.detections
    assert (detection.service, detection.host, detection.kind) == ("unpkg", "unpkg.com", "js-file")
    assert detection.consent_gated is False and detection.line == 10  # the diagram
    assert detection.evidence.startswith('<pre class="mermaid">')


@pytest.mark.parametrize(
    "body",
    [
        MATERIAL_BUNDLE,  # no diagram: nothing is fetched
        DIAGRAM,  # not Material: nothing in the page fetches Mermaid
        # the site brings its own Mermaid (extra_javascript): the bundle fetches nothing
        DIAGRAM + '<script src="../js/mermaid.min.js"></script>' + MATERIAL_BUNDLE,
        # a diagram shown as a code sample, or in a comment
        "<pre><code>&lt;pre class=&quot;mermaid&quot;&gt;</code></pre>" + MATERIAL_BUNDLE,
        "<!-- " + DIAGRAM + " -->" + MATERIAL_BUNDLE,
    ],
    ids=["no-diagram", "not-material", "own-mermaid", "code-sample", "comment"],
)
def test_no_unpkg_without_a_diagram_material_fetches_mermaid_for(body):
    assert Scanner().scan_html("x/index.html", page(body=body)).detections == []


def test_materials_bundle_names_unpkg_but_loads_nothing_by_itself():
    import material

    folder = Path(material.__file__).parent / "templates/assets/javascripts"
    [bundle] = folder.glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert "https://unpkg.com/mermaid@" in text  # what material.py relies on
    result = Scanner().scan_asset(f"assets/javascripts/{bundle.name}", text)
    assert result.detections == [] and result.unknown_hosts == []
    # the same text under another name is the site's own script: its URLs count
    other = Scanner().scan_asset("assets/js/vendor.js", text)
    assert {d.service for d in other.detections} == {"unpkg"}


def test_real_material_build_reports_unpkg_on_the_diagram_page_only(site_factory):
    from conftest import build_site

    root = site_factory(
        {
            "mkdocs.yml": "site_name: Kespet\ntheme: {name: material, font: false}\n"
            "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
            "        - name: mermaid\n          class: mermaid\n"
            "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
            "docs/index.md": "# Etusivu\n\nTervetuloa.\n",
            "docs/kaavio.md": "# Kaavio\n\n```mermaid\ngraph LR\n  A --> B\n```\n",
        }
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    data = scan_json(build.site)
    assert [(d["service"], d["path"]) for d in data["detections"]] == [
        ("unpkg", "kaavio/index.html")
    ]
    assert data["unknown_hosts"] == []
