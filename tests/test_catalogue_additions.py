"""Catalogue services added for real MkDocs and Finnish marketing sites (beyond the 23 ids).

Each service is checked end to end on the snippet its vendor (or the theme that pastes it)
tells people to use, in the plain style and gated the way docs/*/consent.md tells:
``seloste scan --format json`` finds it with its id and the right ``consent_gated``; an
undeclared one is T101 and a declared one passes ``seloste check``; a registry declaring
it renders privacy and cookie notices in fi and en naming its provider and cookies; and
``seloste services --format json`` lists it. Ids in the snippets are made up.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BARE_REGISTRY, MINIMAL_REGISTRY
from seloste import catalog
from seloste.catalog.cookies import cookies_for
from seloste.cli import main
from seloste.declared import catalogue_needs_consent
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


# Dealfront's current Leadfeeder tracker snippet (the site id is passed to the loader).
LEADFEEDER = """<script> (function(ss,ex){ window.ldfdr=window.ldfdr||function(){(ldfdr._q=ldfdr._q||[]).push([].slice.call(arguments));}; (function(d,s){ fs=d.getElementsByTagName(s)[0]; function ce(src){ var cs=d.createElement(s); cs.src=src; cs.async=1; fs.parentNode.insertBefore(cs,fs); }; ce('https://sc.lfeeder.com/lftracker_v1_'+ss+(ex?'_'+ex:'')+'.js'); })(document,'script'); })('p1e024BWxRb7GB6d'); </script>"""

# The older Leadfeeder snippet: the whole tracker URL is passed in.
LEADFEEDER_LEGACY = """<script> (function(){ window.ldfdr = window.ldfdr || {}; (function(d, s, ss, fs){ fs = d.getElementsByTagName(s)[0]; function ce(src){ var cs = d.createElement(s); cs.src = src; setTimeout(function(){fs.parentNode.insertBefore(cs,fs)}, 1); } ce(ss); })(document, 'script', 'https://sc.lfeeder.com/lftracker_v1_Xk9pQ2wR7tY4mN1b.js'); })(); </script>"""

# giosg's tag, v2 (docs.giosg.com, "How the giosg script works"), and the v1 tag as a
# Finnish site has it on one line.
GIOSG = """<!-- giosg tag -->
<script>
  (function (w, t, f) {
    var s = "script",
      o = "_giosg",
      h = "https://service.giosg.com",
      e,
      n;
    e = t.createElement(s);
    e.async = 1;
    e.src = h + "/live2/" + f;
    w[o] =
      w[o] ||
      function () {
        (w[o]._e = w[o]._e || []).push(arguments);
      };
    w[o]._c = f;
    w[o]._h = h;
    n = t.getElementsByTagName(s)[0];
    n.parentNode.insertBefore(e, n);
  })(window, document, '5b0a2f4c-93de-4c1e-8f7a-2d6b1e9c0a47');
</script>
<!-- giosg tag -->"""
GIOSG_V1 = """<script>
(function(w, t, f) {
  var s='script',o='_giosg',h='https://service.giosg.com',e,n;e=t.createElement(s);e.async=1;e.src=h+'/live/';
  w[o]=w[o]||function(){(w[o]._e=w[o]._e||[]).push(arguments)};w[o]._c=f;w[o]._h=h;n=t.getElementsByTagName(s)[0];n.parentNode.insertBefore(e,n);
})(window,document,4217);
</script>"""

# Adform's tracking point (as advertisers get it from Adform) with its noscript pixel, and
# the older object-style snippet.
ADFORM = """<!-- Adform Tracking Code BEGIN -->
<script type="text/javascript">
    window._adftrack = Array.isArray(window._adftrack) ? window._adftrack : (window._adftrack ? [window._adftrack] : []);
    window._adftrack.push({
        HttpHost: 'track.adform.net',
        pm: 2397507,
        divider: encodeURIComponent('|'),
        pagename: encodeURIComponent('Etusivu')
    });
    (function () { var s = document.createElement('script'); s.type = 'text/javascript'; s.async = true; s.src = 'https://s2.adform.net/banners/scripts/st/trackpoint-async.js'; var x = document.getElementsByTagName('script')[0]; x.parentNode.insertBefore(s, x); })();
</script>
<noscript>
    <p style="margin:0;padding:0;border:0;">
        <img src="https://track.adform.net/Serving/TrackPoint/?pm=2397507&ADFPageName=Etusivu&ADFdivider=|" width="1" height="1" alt="" />
    </p>
</noscript>
<!-- Adform Tracking Code END -->"""
ADFORM_LEGACY = """<script type="text/javascript">
var _adftrack = {
pm: 1234567,
id: 7654321
};
(function(){var s=document.createElement('script');s.type='text/javascript';s.async=true;s.src='https://track.adform.net/serving/scripts/trackpoint/async/';var x = document.getElementsByTagName('script')[0];x.parentNode.insertBefore(s, x);})();
</script>"""

# Fathom's embed code (usefathom.com/support/tracking).
FATHOM = """<!-- Fathom - beautiful, simple website analytics -->
<script src="https://cdn.usefathom.com/script.js" data-site="KSPTFIAB" defer></script>
<!-- / Fathom -->"""

# docs.simpleanalytics.com/script, with the optional noscript pixel.
SIMPLE_ANALYTICS = """<!-- Simple Analytics - 100% privacy-first analytics -->
<script async src="https://scripts.simpleanalyticscdn.com/latest.js"></script>
<noscript><img src="https://queue.simpleanalyticscdn.com/noscript.gif" alt="" referrerpolicy="no-referrer-when-downgrade" /></noscript>"""

# Umami Cloud's tracking code, and the same added by a script.
UMAMI = """<script defer src="https://cloud.umami.is/script.js" data-website-id="7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"></script>"""
UMAMI_SCRIPTED = """<script>(function () {
  var s = document.createElement("script");
  s.defer = true;
  s.src = "https://cloud.umami.is/script.js";
  s.setAttribute("data-website-id", "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
  document.head.appendChild(s);
})();</script>"""


# Intercom's basic JavaScript install (the Messenger for logged-out visitors).
INTERCOM = """<script>
  window.intercomSettings = {
    app_id: "k8x2m4qz"
  };
</script>
<script>
// We pre-filled your app ID in the widget URL: 'https://widget.intercom.io/widget/k8x2m4qz'
(function(){var w=window;var ic=w.Intercom;if(typeof ic==="function"){ic('reattach_activator');ic('update',w.intercomSettings);}else{var d=document;var i=function(){i.c(arguments);};i.q=[];i.c=function(args){i.q.push(args);};w.Intercom=i;var l=function(){var s=d.createElement('script');s.type='text/javascript';s.async=true;s.src='https://widget.intercom.io/widget/k8x2m4qz';var x=d.getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);};if(w.attachEvent){w.attachEvent('onload',l);}else{w.addEventListener('load',l,false);}}})();
</script>"""

# Typeform's embed (github.com/Typeform/embed, "embedded with 2 lines of code").
TYPEFORM = """<div data-tf-widget="aBcD12eF" style="width:100%;height:500px;"></div>
<script src="//embed.typeform.com/next/embed.js"></script>"""

# Calendly's inline embed.
CALENDLY = """<!-- Calendly inline widget begin -->
<div class="calendly-inline-widget" data-url="https://calendly.com/kespet/esittely" style="min-width:320px;height:630px;"></div>
<script type="text/javascript" src="https://assets.calendly.com/assets/external/widget.js" async></script>
<!-- Calendly inline widget end -->"""

# Adobe Fonts: the web project's stylesheet link, and the older JavaScript embed.
ADOBE_FONTS = """<link rel="stylesheet" href="https://use.typekit.net/kxq4tbn.css">"""
ADOBE_FONTS_JS = """<script src="https://use.typekit.net/kxq4tbn.js"></script>
<script>try{Typekit.load({ async: true });}catch(e){}</script>"""

# A Font Awesome kit.
FONT_AWESOME = (
    """<script src="https://kit.fontawesome.com/0a1b2c3d4e.js" crossorigin="anonymous"></script>"""
)


@dataclass(frozen=True)
class Case:
    """One snippet style of one service: where it goes, the ids the scan must report."""

    name: str
    service: str
    head: str = ""
    body: str = ""
    ids: frozenset[str] = field(default_factory=frozenset)
    #: False for a stylesheet <link>: consent markup cannot hold it back (host it yourself)
    gateable: bool = True


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
    Case("leadfeeder", "leadfeeder", head=LEADFEEDER, ids=frozenset({"p1e024BWxRb7GB6d"})),
    Case(
        "leadfeeder-legacy",
        "leadfeeder",
        head=LEADFEEDER_LEGACY,
        ids=frozenset({"Xk9pQ2wR7tY4mN1b"}),
    ),
    Case("giosg", "giosg", head=GIOSG, ids=frozenset({"5b0a2f4c-93de-4c1e-8f7a-2d6b1e9c0a47"})),
    Case("giosg-v1", "giosg", head=GIOSG_V1, ids=frozenset({"4217"})),
    Case("adform", "adform", body=ADFORM, ids=frozenset({"2397507"})),
    Case("adform-legacy", "adform", body=ADFORM_LEGACY, ids=frozenset({"1234567"})),
    Case("fathom", "fathom", head=FATHOM, ids=frozenset({"KSPTFIAB"})),
    Case("simple-analytics", "simple-analytics", body=SIMPLE_ANALYTICS),
    Case(
        "umami",
        "umami",
        head=UMAMI,
        ids=frozenset({"7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}),
    ),
    Case(
        "umami-scripted",
        "umami",
        body=UMAMI_SCRIPTED,
        ids=frozenset({"7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}),
    ),
    Case("intercom", "intercom", body=INTERCOM, ids=frozenset({"k8x2m4qz"})),
    Case("typeform", "typeform", body=TYPEFORM),
    Case("calendly", "calendly", body=CALENDLY),
    Case(
        "adobe-fonts", "adobe-fonts", head=ADOBE_FONTS, ids=frozenset({"kxq4tbn"}), gateable=False
    ),
    Case("adobe-fonts-js", "adobe-fonts", head=ADOBE_FONTS_JS, ids=frozenset({"kxq4tbn"})),
    Case("font-awesome", "font-awesome", head=FONT_AWESOME, ids=frozenset({"0a1b2c3d4e"})),
]

#: For tests/test_scan_services.py, which checks every catalogue service:
#: (snippet id, service, head, body, ids the scan must report, other services it loads).
SCAN_SERVICE_CASES = [(c.name, c.service, c.head, c.body, set(c.ids), set()) for c in CASES]


def gated(snippet: str, category: str) -> str:
    """``snippet`` gated as docs/*/consent.md tells: every <script> (and <iframe>) gets
    ``type="text/plain" data-category="…"`` and its ``src`` becomes ``data-src``; a
    ``<noscript>`` pixel is removed (no banner can hold it back)."""
    snippet = re.sub(r"<noscript>.*?</noscript>", "", snippet, flags=re.DOTALL)
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
    for service in ("jsdelivr", "unpkg", "cdnjs", "adobe-fonts", "font-awesome"):
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
    assert not catalogue_needs_consent(cloudflare)


def test_finnish_marketing_services_facts():
    from seloste.catalog.cookies import Duration

    lfa = {f.name: f for f in cookies_for("leadfeeder")}
    # Dealfront's own table corrects the Open Cookie Database (2 years)
    assert lfa["_lfa"].duration == Duration("years", 1) and lfa["_lfa"].source.startswith("https")
    assert lfa["_lfa_expiry"].technology == "local_storage"
    assert catalog.service("leadfeeder").role == "processor"
    giosg = {f.name: f for f in cookies_for("giosg")}
    assert giosg["giosg_chat_id_*"].party == "first" and giosg["sgid"].party == "third"
    assert catalog.service("giosg").transfer is None  # processed and stored within the EU
    adform = catalog.service("adform")
    assert (adform.provider, adform.role, adform.category) == (
        "Adform A/S",
        "joint_controller",
        "marketing",
    )
    assert {f.name for f in cookies_for("adform")} >= {"uid", "C", "adformfrpid"}


@pytest.mark.parametrize("service", ["fathom", "simple-analytics", "umami"])
def test_cookieless_analytics_need_no_cookie_consent(service):
    info = catalog.service(service)
    assert info.cookieless and info.category == "statistics" and info.kind == "tracker"
    assert cookies_for(service) == () and not catalogue_needs_consent(info)


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
    for name, text in pages.items():
        path = root / name / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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


GATEABLE = [c for c in CASES if c.gateable]


@pytest.mark.parametrize("case", GATEABLE, ids=[c.name for c in GATEABLE])
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
    samples = "".join(
        f'<pre><code class="language-html">{html.escape(c.head + c.body)}</code></pre>'
        for c in CASES
    )
    result = Scanner().scan_html("ohje.html", page(body=samples))
    assert result.detections == [] and result.unknown_hosts == []


# --- check: undeclared is T101, declared passes -------------------------------------------------

REGISTRY = BARE_REGISTRY


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
    text = page(head, body)
    return write_pages(tmp_path / "site", {"": text, "en": text})


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
    if case.gateable:
        assert result.output.strip() == "0 errors, 0 warnings", result.output
    else:  # a stylesheet link loads before consent: a warning, not an error
        assert " T108 " in result.output and "0 errors" in result.output


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
    # as Markdown: "R&D" is written "R&amp;D" (registry and catalogue text is data, never markup)
    provider = html.escape(info.provider, quote=False)
    assert provider in privacy or provider in cookies
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


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("dealfront", "leadfeeder"),
        ("Leadfeeder", "leadfeeder"),
        ("typekit", "adobe-fonts"),
        ("fontawesome", "font-awesome"),
        ("simpleanalytics", "simple-analytics"),
        ("cloudflare-insights", "cloudflare-web-analytics"),
        ("giscus-comments", "giscus"),
        ("jsdeliver", "jsdelivr"),
    ],
)
def test_registry_did_you_mean_knows_the_added_services(tmp_path, written, meant):
    from seloste.findings import SelosteError

    path = tmp_path / "registry.yaml"
    path.write_text(MINIMAL_REGISTRY + f"services:\n  - id: {written}\n", encoding="utf-8")
    with pytest.raises(SelosteError) as error:
        load_registry(path, ["fi", "en"])
    messages = " ".join(f.message for f in error.value.findings)
    assert f"did you mean '{meant}'" in messages, messages
