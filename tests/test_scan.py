"""Scanner behaviour: traps that are not trackers, consent gating, unknown hosts, lines."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from seloste.scan import Scanner, scan_directory

GA_LOADER = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>'
HOTJAR_INLINE = (
    "(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};"
    "h._hjSettings={hjid:3456789,hjsv:6};a=o.getElementsByTagName('head')[0];"
    "r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
    "a.appendChild(r);})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');"
)


def page(body: str, head: str = "") -> str:
    return (
        '<!doctype html>\n<html lang="fi">\n<head>\n<meta charset="utf-8">\n'
        '<link rel="canonical" href="https://www.kespet.fi/opas/">\n'
        f"{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


# -- things that are not a tracker being loaded ---------------------------------------------

# How MkDocs (pymdownx.highlight) renders a ```html code sample: every < is escaped.
HIGHLIGHTED_SAMPLE = (
    '<div class="language-html highlight"><pre><span></span><code>'
    '<span class="p">&lt;</span><span class="nt">script</span> <span class="na">async</span> '
    '<span class="na">src</span><span class="o">=</span><span class="s">'
    "&quot;https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ&quot;</span>"
    '<span class="p">&gt;&lt;/</span><span class="nt">script</span><span class="p">&gt;</span>\n'
    '<span class="nx">fbq</span><span class="p">(</span><span class="s1">\'init\'</span>'
    '<span class="p">,</span> <span class="s1">\'123456789012345\'</span><span class="p">);</span>\n'
    "</code></pre></div>"
)

TRAPS = {
    "escaped-code-sample": HIGHLIGHTED_SAMPLE,
    "escaped-inline-code": (
        '<p>Lisää sivulle <code>&lt;script src="https://connect.facebook.net/en_US/fbevents.js"'
        "&gt;&lt;/script&gt;</code> ja <code>gtag('config', 'G-7QK2LMN3PZ')</code>.</p>"
    ),
    "html-comment": (
        "<!-- vanha seuranta, poistettu 2024:\n"
        f"{GA_LOADER}\n<script>{HOTJAR_INLINE}</script>\n"
        '<img src="https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1">\n-->'
    ),
    "plain-links": (
        '<p>Seuraa meitä: <a href="https://www.facebook.com/tr?id=123456789012345">Facebook</a>, '
        '<a href="https://www.youtube.com/embed/dQw4w9WgXcQ">video</a>, '
        '<a href="https://www.linkedin.com/company/kespet">LinkedIn</a>, '
        "<a href=https://static.hotjar.com/c/hotjar-3456789.js>hotjar</a>, "
        '<a href="https://cdn.somewhere-else.example/x.js">lähde</a></p>'
    ),
    "json-ld": (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":'
        '"Organization","name":"Kespet Oy","url":"https://www.kespet.fi","sameAs":'
        '["https://www.facebook.com/kespet","https://www.youtube.com/embed/x",'
        '"https://www.linkedin.com/company/kespet","https://www.googletagmanager.com/gtm.js?id=GTM-K7P2QX9"]}'
        "</script>"
    ),
    "local-images-named-after-vendors": (
        '<img src="/img/facebook.png" alt="Facebook"> <img src="../assets/youtube-logo.svg">'
        '<img src="img/google-analytics.jpg"><img srcset="hotjar.png 1x, hotjar@2x.png 2x">'
        '<img src="data:image/png;base64,iVBORw0KGgo=">'
    ),
    "textarea": (
        '<textarea name="snippet" rows="8">'
        + GA_LOADER
        + "<script>"
        + HOTJAR_INLINE
        + '</script><iframe src="https://www.youtube.com/embed/x"></iframe></textarea>'
    ),
    "prose-mentions": (
        "<p>Käytämme Google Analyticsia (googletagmanager.com) ja Hotjaria "
        "(static.hotjar.com/c/hotjar-). Meta Pixel: connect.facebook.net/en_US/fbevents.js</p>"
    ),
    "non-loading-links": (
        '<link rel="alternate" hreflang="en" href="https://www.youtube.com/embed/x">'
        '<link rel="me" href="https://www.facebook.com/tr?id=1">'
        '<link rel="canonical" href="https://www.kespet.fi/">'
    ),
}


@pytest.mark.parametrize("markup", TRAPS.values(), ids=TRAPS.keys())
def test_traps_are_not_reported(scanner, markup):
    result = scanner.scan_html("opas/index.html", page(markup))
    assert result.detections == []
    assert result.unknown_hosts == []


def test_code_after_a_comment_is_still_scanned(scanner):
    markup = (
        "<!-- <script src='https://static.hotjar.com/c/hotjar-1.js'></script> -->\n" + GA_LOADER
    )
    result = scanner.scan_html("a.html", page(markup))
    assert [d.service for d in result.detections] == ["google-analytics"]


def test_search_index_and_sitemap_are_not_read(tmp_path: Path):
    vendor_text = GA_LOADER + "<script>" + HOTJAR_INLINE + "</script>"
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(
        json.dumps({"docs": [{"location": "", "text": vendor_text}]})
    )
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://static.hotjar.com/c/hotjar-1.js</loc></url></urlset>"
    )
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(vendor_text.encode()))
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "facebook.svg").write_text(f"<svg><script>{HOTJAR_INLINE}</script></svg>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "bundle.js.map").write_text(json.dumps({"sources": [HOTJAR_INLINE]}))
    (tmp_path / "index.html").write_text(page("<p>Hei</p>"))
    result = scan_directory(tmp_path)
    assert result.files_scanned == 1
    assert result.detections == [] and result.unknown_hosts == []


def test_directory_scan_reads_pages_and_own_assets(tmp_path: Path):
    (tmp_path / "en").mkdir()
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text(page(GA_LOADER))
    (tmp_path / "en" / "index.html").write_text(page('<script src="../assets/js/x.js"></script>'))
    (tmp_path / "assets" / "js" / "x.js").write_text(HOTJAR_INLINE)
    (tmp_path / "assets" / "site.css").write_text(
        "@import '//fonts.googleapis.com/css?family=Inter';"
    )
    result = scan_directory(tmp_path)
    found = sorted((d.path, d.service, d.kind) for d in result.detections)
    assert found == [
        ("assets/js/x.js", "hotjar", "js-file"),
        ("assets/site.css", "google-fonts", "css"),
        ("index.html", "google-analytics", "script-src"),
    ]
    assert result.files_scanned == 4
    assert result.bytes_scanned == sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file())


# -- line numbers -----------------------------------------------------------------------------


def test_line_numbers_point_at_the_evidence(scanner):
    lines = ["<!doctype html>", "<html>", "<head>", "<title>x</title>"]
    lines += ["<meta name=x>"] * 20
    lines += [GA_LOADER]  # line 25
    lines += ["</head>", "<body>", "<p>teksti</p>", "<script>", "var a = 1;"]
    lines += ["h._hjSettings={hjid:3456789,hjsv:6};"]  # line 31
    lines += ["</script>"]
    lines += ["<p>a</p>"] * 100
    lines += ["<iframe", '  title="video"', '  src="https://www.youtube.com/embed/x">', "</iframe>"]
    text = "\n".join(lines)
    result = scanner.scan_html("x.html", text)
    got = {d.service: d.line for d in result.detections}
    assert got == {"google-analytics": 25, "hotjar": 31, "youtube": 133}
    for d in result.detections:
        assert text.splitlines()[d.line - 1].strip() != ""


def test_line_numbers_with_crlf_and_non_ascii(scanner):
    text = "<p>Ääkköset ja emoji 🍪</p>\r\n" * 10 + GA_LOADER + "\r\n"
    [detection] = scanner.scan_html("x.html", text).detections
    assert detection.line == 11


# -- consent gating ---------------------------------------------------------------------------

GATED = {
    # vanilla-cookieconsent v3 (and Seloste's own convention)
    "vanilla-v3-inline": (
        f'<script type="text/plain" data-category="analytics">{HOTJAR_INLINE}</script>',
        "vanilla-cookieconsent",
        "analytics",
    ),
    "vanilla-v3-src": (
        '<script type="text/plain" data-category="marketing" '
        'data-src="https://connect.facebook.net/en_US/fbevents.js"></script>',
        "vanilla-cookieconsent",
        "marketing",
    ),
    "vanilla-v2": (
        '<script type="text/plain" data-cookiecategory="analytics" '
        'src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>',
        "vanilla-cookieconsent",
        "analytics",
    ),
    "klaro-text-plain": (
        '<script type="text/plain" data-type="text/javascript" data-name="hotjar">'
        f"{HOTJAR_INLINE}</script>",
        "klaro",
        "hotjar",
    ),
    "klaro-opt-in": (
        '<script type="opt-in" data-type="application/javascript" data-name="google-analytics" '
        'data-src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>',
        "klaro",
        "google-analytics",
    ),
    "klaro-iframe": (
        '<iframe data-name="youtube" data-src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        "klaro",
        "youtube",
    ),
    "cookiebot": (
        '<script type="text/plain" data-cookieconsent="statistics,marketing" '
        'src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>',
        "cookiebot",
        "statistics,marketing",
    ),
    "cookiebot-iframe": (
        '<iframe data-cookieblock-src="https://player.vimeo.com/video/76979871" '
        'data-cookieconsent="marketing"></iframe>',
        "cookiebot",
        "marketing",
    ),
    "own-convention-script": (
        '<script type="text/plain" data-category="marketing" '
        'data-src="https://snap.licdn.com/li.lms-analytics/insight.min.js"></script>',
        "vanilla-cookieconsent",
        "marketing",
    ),
    "own-convention-iframe": (
        '<iframe data-category="marketing" data-src="https://www.youtube.com/embed/x"></iframe>',
        "vanilla-cookieconsent",
        "marketing",
    ),
    "placeholder-src": (
        '<iframe src="about:blank" data-category="marketing" '
        'data-src="https://www.youtube.com/embed/x"></iframe>',
        "vanilla-cookieconsent",
        "marketing",
    ),
    "own-convention-img": (
        '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=123456789012345&ev=PageView">',
        "vanilla-cookieconsent",
        "marketing",
    ),
}


@pytest.mark.parametrize("markup, convention, category", GATED.values(), ids=GATED.keys())
def test_consent_conventions_are_recognised(scanner, markup, convention, category):
    result = scanner.scan_html("x.html", page(markup))
    assert result.detections
    for d in result.detections:
        assert (d.consent_gated, d.gating, d.consent_category) == (True, convention, category)


NOT_GATED = {
    "plain": GA_LOADER,
    "opt-out-category": (
        f'<script type="text/plain" data-category="!analytics">{HOTJAR_INLINE}</script>'
    ),
    "category-but-runs": f'<script data-category="analytics">{HOTJAR_INLINE}</script>',
    "iframe-with-src-and-category": (
        '<iframe data-category="marketing" src="https://www.youtube.com/embed/x"></iframe>'
    ),
    "cookiebot-ignore": (
        '<script type="text/plain" data-cookieconsent="ignore">' + HOTJAR_INLINE + "</script>"
    ),
}


@pytest.mark.parametrize("markup", NOT_GATED.values(), ids=NOT_GATED.keys())
def test_markup_that_does_not_gate(scanner, markup):
    result = scanner.scan_html("x.html", page(markup))
    assert result.detections
    assert not any(d.consent_gated for d in result.detections)


def test_cookiebot_auto_blocking_is_not_provable(scanner):
    markup = (
        '<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" '
        'data-cbid="00000000-0000-0000-0000-000000000000" data-blockingmode="auto"></script>\n'
        + GA_LOADER
    )
    result = scanner.scan_html("x.html", page(markup, head=""))
    [detection] = result.detections
    assert (detection.consent_gated, detection.gating) == (False, "cookiebot-auto")
    # the consent manager itself is a third party the registry should name
    assert [u.host for u in result.unknown_hosts] == ["consent.cookiebot.com"]


def test_consent_mode_advanced_is_not_gated(scanner):
    markup = (
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}\n"
        "gtag('consent', 'default', {'ad_storage': 'denied', 'analytics_storage': 'denied',"
        " 'ad_user_data': 'denied', 'ad_personalization': 'denied'});</script>\n"
        + GA_LOADER
        + "\n<script>gtag('js', new Date()); gtag('config', 'G-7QK2LMN3PZ');</script>\n"
        + '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>'
    )
    result = scanner.scan_html("x.html", page(markup))
    google = [d for d in result.detections if d.service == "google-analytics"]
    assert len(google) == 2
    assert all((d.consent_gated, d.gating) == (False, "consent-mode-advanced") for d in google)
    [meta] = [d for d in result.detections if d.service == "meta-pixel"]
    assert meta.gating == ""  # consent mode says nothing about non-Google tags


def test_gated_noscript_pixel_is_not_gated_by_its_script(scanner):
    markup = (
        "<script type=\"text/plain\" data-category=\"marketing\">fbq('init', '123456789012345');"
        '</script>\n<noscript><img src="https://www.facebook.com/tr?id=123456789012345&ev=PageView">'
        "</noscript>"
    )
    result = scanner.scan_html("x.html", page(markup))
    gated = {d.kind: d.consent_gated for d in result.detections}
    assert gated == {"inline-script": True, "noscript": False}


# -- unknown third-party hosts ----------------------------------------------------------------


def test_unknown_hosts_are_reported_for_loading_elements_only(scanner):
    markup = "\n".join(
        [
            '<script src="https://cdn.widgets.example/chat.js"></script>',
            '<img src="https://stats.pixel.example/p.gif">',
            '<iframe src="https://forms.example.net/f/1"></iframe>',
            # (a public CDN the catalogue does not know: cdn.jsdelivr.net is `jsdelivr` now)
            '<link rel="stylesheet" href="https://cdn.libhost.example/npm/x.css">',
            "<style>.a{background:url(https://img.cdn.example/bg.png)}</style>",
            '<a href="https://linked.example/">just a link</a>',
            '<script>fetch("https://api.example.org/data")</script>',
            '<img src="https://www.kespet.fi/img/logo.png">',
            '<img src="https://cdn.kespet.fi/img/logo.png">',
        ]
    )
    result = scanner.scan_html("x.html", page(markup))
    assert [(u.host, u.kind) for u in result.unknown_hosts] == [
        ("cdn.widgets.example", "script-src"),
        ("stats.pixel.example", "img"),
        ("forms.example.net", "iframe"),
        ("cdn.libhost.example", "link"),
        ("img.cdn.example", "css"),
    ]
    assert result.unknown_hosts[0].line == 9  # the first line of the body
    assert result.detections == []


def test_first_party_hosts_are_not_unknown():
    markup = (
        '<script src="https://cdn.widgets.example/chat.js"></script>'
        '<img src="https://static.kespet-cdn.fi/a.png">'
        '<img src="https://www.kespet.fi/a.png">'
    )
    scanner = Scanner(first_party_hosts=["widgets.example"], site_host="www.kespet.fi")
    result = scanner.scan_html("x.html", "<html><body>" + markup)
    assert [u.host for u in result.unknown_hosts] == ["static.kespet-cdn.fi"]


def test_gated_unknown_host_carries_the_flag(scanner):
    markup = '<script type="text/plain" data-category="analytics" data-src="https://a.example/x.js"></script>'
    [unknown] = scanner.scan_html("x.html", page(markup)).unknown_hosts
    assert unknown.consent_gated is True


def test_preconnect_to_a_vendor_host_is_not_unknown(scanner):
    markup = '<link rel="preconnect" href="https://www.googletagmanager.com">'
    result = scanner.scan_html("x.html", page(markup))
    assert result.unknown_hosts == [] and result.detections == []


def test_malformed_markup_still_scans(scanner):
    markup = (
        '<p>1 < 2 <b>ok</p></div></div>\n<img src="https://www.facebook.com/tr?id=123456789012345" / >\n'
        '<script src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ">'  # never closed
    )
    result = scanner.scan_html("x.html", markup)
    assert {d.service for d in result.detections} == {"meta-pixel", "google-analytics"}


def test_an_unterminated_quote_swallows_what_follows_as_in_a_browser(scanner):
    # A browser reads everything up to the next '"' as the alt text: the script never loads.
    markup = (
        '<img alt="oops src=x.png>\n<script src="https://static.hotjar.com/c/hotjar-1.js"></script>'
    )
    assert scanner.scan_html("x.html", markup).detections == []


def test_evidence_of_a_multi_line_tag_shows_the_whole_tag(scanner):
    markup = (
        '<iframe\n  title="Esittely"\n  src="https://player.vimeo.com/video/76979871">\n</iframe>'
    )
    [d] = scanner.scan_html("x.html", page(markup)).detections
    assert d.evidence == '<iframe title="Esittely" src="https://player.vimeo.com/video/76979871">'


def test_inline_style_attributes_load_urls_too(scanner):
    markup = "\n".join(
        [
            '<div class="hero" style="background-image: url(&quot;https://img.cdn.example/h.jpg&quot;)">',
            "<span style='font-family: x; src: url(https://fonts.gstatic.com/s/inter.woff2)'>a</span>",
            '<p><code>style="background:url(https://trap.example/a.png)"</code></p>',
            '<!-- <div style="background:url(https://trap.example/b.png)"></div> -->',
            "<script>el.setAttribute('x', ' style=\"background:url(https://trap.example/c.png)\"');</script>",
        ]
    )
    result = scanner.scan_html("x.html", page(markup))
    assert [(u.host, u.kind, u.line) for u in result.unknown_hosts] == [
        ("img.cdn.example", "css", 9)
    ]
    assert [(d.service, d.line) for d in result.detections] == [("google-fonts", 10)]


def test_repeated_inline_scripts_give_the_same_evidence_on_every_page(scanner):
    # the theme's scripts repeat on every page; their analysis is cached by content
    snippet = f"<script>{HOTJAR_INLINE}</script>"
    first = scanner.scan_html("a.html", page(snippet)).detections
    later = scanner.scan_html("b/index.html", "\n\n" + page(snippet)).detections
    assert [(d.service, d.ids, d.evidence) for d in first] == [
        (d.service, d.ids, d.evidence) for d in later
    ]
    assert later[0].line == first[0].line + 2
    assert later[0].path == "b/index.html"


def test_bytes_scanned_counts_utf8_bytes(scanner):
    assert scanner.scan_html("a.html", "<p>abc</p>").bytes_scanned == 10
    assert scanner.scan_html("a.html", "<p>äö🍪</p>").bytes_scanned == 7 + 2 + 2 + 4
    assert scanner.scan_html("a.html", "<p>x</p>", nbytes=99).bytes_scanned == 99


def test_the_scanner_keeps_no_script_text_it_scanned():
    """A theme's script may be a megabyte (Material's wordcut.js: 0.7 MB, 0.8 MB as text):
    once scanned, the scanner holds no reference to it (it kept the last script's text
    until the next one, so a build's last and biggest asset stayed to the build's end)."""
    scanner = Scanner()
    text = "var u='https://static.hotjar.com/c/hotjar-1.js';\n" + "ก" * 200_000
    before = sys.getrefcount(text)
    result = scanner.scan_asset("assets/big.js", text)
    assert [d.service for d in result.detections] == ["hotjar"]
    assert sys.getrefcount(text) == before
