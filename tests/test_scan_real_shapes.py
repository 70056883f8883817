"""Tracker shapes of real sites the scanner used to miss (issue #13), each in a snippet
of our own written in that shape, plus the trap (a CSP allowlist) it used to report."""

from __future__ import annotations

import json

from click.testing import CliRunner

from browserkit import HOTJAR
from seloste.cli import main
from seloste.scan import Scanner
from test_scan_services import LINKEDIN


def scan(html: str, path: str = "index.html"):
    return Scanner(site_host="www.kespet.example").scan_html(path, html)


def services(result) -> dict[str, object]:
    return {d.service: d for d in result.detections}


def test_legacy_ga_js_with_a_concatenated_host_and_gaq():
    page = """<html><head><script type="text/javascript">
  var _gaq = _gaq || [];
  _gaq.push(['_setAccount', 'UA-1234567-1']);
  _gaq.push(['_trackPageview']);
  (function() {
    var ga = document.createElement('script'); ga.type = 'text/javascript'; ga.async = true;
    ga.src = ('https:' == document.location.protocol ? 'https://ssl' : 'http://www') + '.google-analytics.com/ga.js';
    var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(ga, s);
  })();
</script></head></html>"""
    found = services(scan(page))
    ga = found["google-analytics"]
    assert ga.ids == ("UA-1234567-1",) and ga.consent_gated is False
    assert ga.host == "google-analytics.com"


def test_gaq_alone_is_google_analytics():
    found = services(scan("<script>_gaq.push(['_setAccount', 'UA-7654321-2']);</script>"))
    assert found["google-analytics"].ids == ("UA-7654321-2",)


def test_per_site_subdomain_loader_is_an_unknown_third_party():
    # Disqus' legacy shape with a vendor the catalogue does not know (Disqus itself is the
    # `disqus` service now: tests/test_catalogue_additions.py)
    page = """<div id="kommentit"></div><script>
    var kommentit_sivu = 'kespet-blogi';
    (function() {
        var dsq = document.createElement('script'); dsq.type = 'text/javascript'; dsq.async = true;
        dsq.src = '//' + kommentit_sivu + '.kommentit.example/embed.js';
        (document.getElementsByTagName('head')[0] || document.getElementsByTagName('body')[0]).appendChild(dsq);
    })();
</script>"""
    result = scan(page)
    assert [(u.host, u.kind, u.line) for u in result.unknown_hosts] == [
        ("kommentit.example", "inline-script", 5)
    ]


def test_absolute_urls_assigned_to_src_or_set_by_setattribute_or_loaders_are_reported():
    page = """<script>
var hm = document.createElement("script");
hm.src = "https://hm.tilastopalvelu.example/hm.js?abc123";
var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s);
var w = document.createElement('script'); w.setAttribute('src', 'https://cdn.widgetco.example/w.js');
jQuery.getScript("//chat.tukipalvelu.example/loader.js");
var link = "https://www.facebook.com/kespet";  // a mention, not a load
</script>"""
    result = scan(page)
    assert {u.host for u in result.unknown_hosts} == {
        "hm.tilastopalvelu.example",
        "cdn.widgetco.example",
        "chat.tukipalvelu.example",
    }


def test_js_src_assignment_feeds_signatures_in_the_sites_own_js_files():
    code = "var s=document.createElement('script');s.src='https://static.hotjar.com/c/hotjar-'+id+'.js';"
    result = Scanner().scan_asset("assets/js/site.js", code)
    assert [d.service for d in result.detections] == ["hotjar"]
    other = Scanner().scan_asset(
        "assets/js/x.js", "el.setAttribute('src','https://t.vendor.example/p.js')"
    )
    assert [(u.host, u.kind) for u in other.unknown_hosts] == [("t.vendor.example", "js-file")]


def test_self_hosted_matomo_host_found_through_paq():
    page = """<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  (function() {
    var u="//stats.kespet-analytiikka.example/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '3']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>"""
    result = scan(page)
    matomo = services(result)["matomo"]
    assert matomo.host == "stats.kespet-analytiikka.example" and matomo.ids == ("3",)
    assert result.unknown_hosts == []  # explained by Matomo, not an unknown third party


def test_self_hosted_matomo_tag_manager_container():
    page = """<script>
var _mtm = window._mtm = window._mtm || [];
_mtm.push({'mtm.startTime': (new Date().getTime()), 'event': 'mtm.Start'});
var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
g.async=true; g.src='https://tilastot.kespet.example/js/container_Xy7Pq2Lm.js'; s.parentNode.insertBefore(g,s);
</script>"""
    result = scan(page)
    matomo = services(result)["matomo"]
    assert matomo.host == "tilastot.kespet.example"
    assert matomo.ids == ("Xy7Pq2Lm",)
    assert result.unknown_hosts == []


def test_tarteaucitron_job_is_google_analytics_held_back_for_consent():
    page = """<script src="/js/tarteaucitron/tarteaucitron.js"></script>
<script>
tarteaucitron.init({"privacyUrl": "/tietosuoja/", "orientation": "bottom"});
tarteaucitron.user.gtagUa = 'G-QW12ER34TY';
tarteaucitron.user.gtagMore = function () { /* add here your optionnal gtag() */ };
(tarteaucitron.job = tarteaucitron.job || []).push('gtag');
(tarteaucitron.job = tarteaucitron.job || []).push('youtube');
</script>"""
    found = services(scan(page))
    ga = found["google-analytics"]
    assert ga.ids == ("G-QW12ER34TY",)
    assert (ga.consent_gated, ga.gating) == (True, "tarteaucitron")
    assert (found["youtube"].consent_gated, found["youtube"].gating) == (True, "tarteaucitron")


def test_linkedin_partner_id_given_as_data_partner_id():
    page = """<script type="text/javascript" data-partner-id="4455667">
_linkedin_partner_id = document.currentScript.getAttribute('data-partner-id');
window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
window._linkedin_data_partner_ids.push(_linkedin_partner_id);
(function(l) { var s = document.getElementsByTagName("script")[0]; var b = document.createElement("script");
b.type = "text/javascript";b.async = true; b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
s.parentNode.insertBefore(b, s);})(window.lintrk);
</script>"""
    linkedin = services(scan(page))["linkedin-insight"]
    assert linkedin.ids == ("4455667",)


def test_a_csp_allowlist_in_js_is_not_google_fonts():
    page = """<script>
var policy = "default-src 'self'; style-src 'self' https://fonts.googleapis.com; font-src https://fonts.gstatic.com";
var meta = document.createElement('meta'); meta.httpEquiv = 'Content-Security-Policy'; meta.content = policy;
</script>"""
    result = scan(page)
    assert result.detections == [] and result.unknown_hosts == []
    # the same host really loaded still counts
    loaded = scan(
        "<script>var l=document.createElement('link');l.href='https://fonts.googleapis.com/css2?family=Inter';</script>"
    )
    assert [d.service for d in loaded.detections] == ["google-fonts"]


SITE_CODE_SHAPES = {
    "cookie check": """<script>
function readCookie(n){var m=document.cookie.match('(^|;)\\\\s*'+n+'=([^;]*)');return m?m[2]:null;}
if (readCookie('cookie-notice-option') == 'true') {
  var s=document.createElement('script');s.async=true;
  s.src='https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF';document.head.appendChild(s);
}
</script>""",
    "consent manager callback": """<script>
window.addEventListener('CookiebotOnAccept', function (e) {
  if (Cookiebot.consent.statistics) {
    (function(h,o,t,j,a,r){h._hjSettings={hjid:3712345,hjsv:6};r=o.createElement('script');
    r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;o.head.appendChild(r);
    })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
  }
}, false);
</script>""",
    "isAllowedToLoad": """<script>
if (FP.isAllowedToLoad('facebook')) {
  !function(f,b,e,v,n,t,s){t=b.createElement(e);t.async=!0;
  t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script',
  'https://connect.facebook.net/fi_FI/fbevents.js');
  fbq('init', '123456789012345');
}
</script>""",
    "klaro attributes from js": """<script>
var s = document.createElement('script');
s.setAttribute('data-name', 'googleAnalytics'); s.type = 'text/plain';
s.setAttribute('data-src', 'https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF');
document.head.appendChild(s);
</script>""",
}


def test_loaders_inside_the_sites_own_consent_code_are_undecidable_statically():
    for name, page in SITE_CODE_SHAPES.items():
        found = scan(page).detections
        assert found, name
        for detection in found:
            assert (detection.consent_gated, detection.gating) == (None, "site-code"), name


def test_site_code_gating_in_json_and_as_a_warning_pointing_to_verify(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(SITE_CODE_SHAPES["cookie check"])
    out = CliRunner().invoke(main, ["scan", str(site), "--format", "json"])
    detection = json.loads(out.output)["detections"][0]
    assert detection["consent_gated"] is None and detection["gating"] == "site-code"
    text = CliRunner().invoke(main, ["scan", str(site)]).output
    assert "site's own code" in text and "seloste verify" in text
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "controller:\n  name: Kespet Oy\nregisters:\n  - name: {fi: Asiakkaat, en: Customers}\n"
        "services:\n  - id: google-analytics\n    ids: ['G-AB12CD34EF']\n"
    )
    checked = CliRunner().invoke(main, ["check", str(site), "-r", str(registry)])
    assert checked.exit_code == 0, checked.output  # a warning, not an error
    assert "T120" in checked.output and "seloste verify" in checked.output
    assert "T106" not in checked.output


def test_an_ungated_loader_outside_any_consent_block_stays_ungated():
    page = """<script>
if (window.innerWidth > 600) { document.body.classList.add('wide'); }
var s=document.createElement('script');s.src='https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF';
document.head.appendChild(s);
</script>"""
    ga = services(scan(page))["google-analytics"]
    assert (ga.consent_gated, ga.gating) == (False, "")


# What Material writes into every page's <head> once Seloste turns its consent banner on:
# a consent check whose block closes before the script ends.
MATERIAL_CONSENT_CHECK = (
    '<script>if("undefined"!=typeof __md_analytics){var consent=__md_get("__consent");'
    "consent&&consent.analytics&&__md_analytics()}</script>\n"
)
#: Snippets as the vendors give them, pasted after it into overrides/main.html.
PASTED_AFTER_MATERIAL = {"hotjar": HOTJAR, "linkedin-insight": LINKEDIN}


def test_materials_consent_check_in_an_earlier_script_does_not_gate_a_pasted_snippet():
    # A snippet pasted into overrides/main.html after Material's own consent script loads
    # before consent (T106); it used to count as "the site's own consent code" (T120, a
    # warning) because the open-block test ran across the script elements of the page.
    for service, snippet in PASTED_AFTER_MATERIAL.items():
        found = services(scan("<head>" + MATERIAL_CONSENT_CHECK + snippet + "</head>"))
        assert (found[service].consent_gated, found[service].gating) == (False, ""), service


def test_a_consent_check_in_a_later_script_does_not_gate_an_earlier_loader():
    loader = PASTED_AFTER_MATERIAL["hotjar"]
    later = "<script>var s=document.createElement('script');s.type='text/plain';</script>"
    found = services(scan("<head>" + loader + later + "</head>"))
    assert (found["hotjar"].consent_gated, found["hotjar"].gating) == (False, "")


def test_site_code_gates_still_count_after_materials_consent_script():
    for name, page in SITE_CODE_SHAPES.items():
        for detection in scan("<head>" + MATERIAL_CONSENT_CHECK + page + "</head>").detections:
            assert (detection.consent_gated, detection.gating) == (None, "site-code"), name


def test_a_declared_hotjar_pasted_after_materials_consent_script_fails_check(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    head = "<html><head>" + MATERIAL_CONSENT_CHECK + PASTED_AFTER_MATERIAL["hotjar"]
    (site / "index.html").write_text(head + "</head><body></body></html>")
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "controller:\n  name: Kespet Oy\nregisters:\n  - name: {fi: Asiakkaat, en: Customers}\n"
        "services:\n  - id: hotjar\n    ids: ['3712345']\n"
    )
    checked = CliRunner().invoke(main, ["check", str(site), "-r", str(registry)])
    assert checked.exit_code == 1, checked.output
    assert "T106" in checked.output and "T120" not in checked.output
