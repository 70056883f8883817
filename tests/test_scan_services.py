"""Every catalogue service is found in the snippet shapes its vendor tells people to paste.

The snippets are written after each vendor's installation instructions (ids made up).
"""

from __future__ import annotations

import pytest

from seloste import catalog
from seloste.scan import Scanner, builtin_signatures
from test_catalogue_additions import SCAN_SERVICE_CASES

PAGE = """<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<link rel="canonical" href="https://www.kespet.fi/">
{head}
</head>
<body>
<p>Tervetuloa.</p>
{body}
</body>
</html>
"""

GA4 = """<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());

  gtag('config', 'G-7QK2LMN3PZ');
</script>"""

UA = """<script>
(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){
(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),
m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)
})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');
ga('create', 'UA-12345678-1', 'auto');
ga('send', 'pageview');
</script>"""

GTM_HEAD = """<!-- Google Tag Manager -->
<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-K7P2QX9');</script>
<!-- End Google Tag Manager -->"""

GTM_BODY = """<!-- Google Tag Manager (noscript) -->
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-K7P2QX9"
height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>"""

ADS = """<script async src="https://www.googletagmanager.com/gtag/js?id=AW-123456789"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'AW-123456789');
</script>"""

ADS_LEGACY = """<script type="text/javascript">
/* <![CDATA[ */
var google_conversion_id = 123456789;
var google_custom_params = window.google_tag_params;
var google_remarketing_only = true;
/* ]]> */
</script>
<script type="text/javascript" src="//www.googleadservices.com/pagead/conversion.js"></script>
<noscript><div style="display:inline;"><img height="1" width="1" style="border-style:none;" alt=""
src="//googleads.g.doubleclick.net/pagead/viewthroughconversion/123456789/?guid=ON&amp;script=0"/></div></noscript>"""

META = """<!-- Meta Pixel Code -->
<script>
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '123456789012345');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1"
/></noscript>
<!-- End Meta Pixel Code -->"""

META_FI_UNQUOTED = """<script async src=//connect.facebook.net/fi_FI/fbevents.js></script>"""

LINKEDIN = """<script type="text/javascript">
_linkedin_partner_id = "1234567";
window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
window._linkedin_data_partner_ids.push(_linkedin_partner_id);
</script><script type="text/javascript">
(function(l) {
if (!l){window.lintrk = function(a,b){window.lintrk.q.push([a,b])};
window.lintrk.q=[]}
var s = document.getElementsByTagName("script")[0];
var b = document.createElement("script");
b.type = "text/javascript";b.async = true;
b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
s.parentNode.insertBefore(b, s);})(window.lintrk);
</script>
<noscript>
<img height="1" width="1" style="display:none;" alt="" src="https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif" />
</noscript>"""

HOTJAR = """<!-- Hotjar Tracking Code for www.kespet.fi -->
<script>
    (function(h,o,t,j,a,r){
        h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
        h._hjSettings={hjid:3456789,hjsv:6};
        a=o.getElementsByTagName('head')[0];
        r=o.createElement('script');r.async=1;
        r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
        a.appendChild(r);
    })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>"""

CLARITY = """<script type="text/javascript">
    (function(c,l,a,r,i,t,y){
        c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};
        t=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;
        y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
    })(window, document, "clarity", "script", "k3x9q2m7ab");
</script>"""

TIKTOK = """<script>
!function (w, d, t) {
  w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.methods=["page","track"],ttq.setAndDefer=function(t,e){t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}};for(var i=0;i<ttq.methods.length;i++)ttq.setAndDefer(ttq,ttq.methods[i]);ttq.load=function(e,n){var r="https://analytics.tiktok.com/i18n/pixel/events.js";ttq._i=ttq._i||{},ttq._i[e]=[],ttq._t=ttq._t||{},ttq._t[e]=+new Date;var s=d.createElement("script");s.type="text/javascript",s.async=!0,s.src=r+"?sdkid="+e+"&lib="+t;var a=d.getElementsByTagName("script")[0];a.parentNode.insertBefore(s,a)};
  ttq.load('CABC123DEF456GHI789J');
  ttq.page();
}(window, document, 'ttq');
</script>"""

MATOMO = """<!-- Matomo -->
<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  _paq.push(['enableLinkTracking']);
  (function() {
    var u="//analytics.kespet.fi/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '3']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>
<noscript><p><img referrerpolicy="no-referrer-when-downgrade" src="//analytics.kespet.fi/matomo.php?idsite=3&amp;rec=1" style="border:0;" alt="" /></p></noscript>
<!-- End Matomo Code -->"""

MATOMO_CLOUD = """<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  (function() {
    var u="https://kespet.matomo.cloud/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '1']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src='https://cdn.matomo.cloud/kespet.matomo.cloud/matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>"""

PLAUSIBLE = (
    """<script defer data-domain="kespet.fi" src="https://plausible.io/js/script.js"></script>"""
)

PLAUSIBLE_NEW = """<script async src="https://plausible.io/js/pa-AbC123xyz.js"></script>
<script>
  window.plausible=window.plausible||function(){(plausible.q=plausible.q||[]).push(arguments)},plausible.init=plausible.init||function(i){plausible.o=i||{}};
  plausible.init()
</script>"""

HUBSPOT = """<!-- Start of HubSpot Embed Code -->
<script type="text/javascript" id="hs-script-loader" async defer src="//js-eu1.hs-scripts.com/2345678.js"></script>
<!-- End of HubSpot Embed Code -->"""

MAILCHIMP_SITE = """<script id="mcjs">!function(c,h,i,m,p){m=c.createElement(h),p=c.getElementsByTagName(h)[0],m.async=1,m.src=i,p.parentNode.insertBefore(m,p)}(document,"script","https://chimpstatic.com/mcjs-connected/js/users/0a1b2c3d4e5f60718293a4b5c/d6e7f8a9b0c1d2e3f4a5b6c7d.js");</script>"""

MAILCHIMP_FORM = """<div id="mc_embed_shell">
<link href="//cdn-images.mailchimp.com/embedcode/classic-061523.css" rel="stylesheet" type="text/css">
<div id="mc_embed_signup">
<form action="https://kespet.us21.list-manage.com/subscribe/post?u=0a1b2c3d4e5f60718293a4b5c&amp;id=1a2b3c4d5e&amp;f_id=00abc1e1f0" method="post" id="mc-embedded-subscribe-form" name="mc-embedded-subscribe-form" class="validate" target="_blank">
<input type="email" name="EMAIL" class="required email" id="mce-EMAIL" required value="">
<input type="submit" name="subscribe" id="mc-embedded-subscribe" class="button" value="Tilaa">
</form>
</div>
<script type="text/javascript" src="//s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js"></script>
</div>"""

YOUTUBE = """<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=Xy1" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>"""

YOUTUBE_API = """<div id="player"></div>
<script>
  var tag = document.createElement('script');
  tag.src = "https://www.youtube.com/iframe_api";
  var firstScriptTag = document.getElementsByTagName('script')[0];
  firstScriptTag.parentNode.insertBefore(tag, firstScriptTag);
</script>"""

YOUTUBE_NOCOOKIE = """<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video player" allowfullscreen></iframe>"""

VIMEO = """<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0&amp;dnt=1" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" style="position:absolute;top:0;left:0;width:100%;height:100%;" title="Esittely"></iframe></div><script src="https://player.vimeo.com/api/player.js"></script>"""

MAPS = """<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d1984.5!2d24.93!3d60.17" width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe>"""

MAPS_FI = """<iframe src="https://maps.google.fi/maps?q=Mannerheimintie+1,+Helsinki&amp;output=embed"></iframe>"""

MAPS_JS = """<script async src="https://maps.googleapis.com/maps/api/js?key=AIzaSyD-example&callback=initMap"></script>"""

FONTS = """<link rel="preconnect" href="https://fonts.googleapis.com">
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<link href="https://fonts.googleapis.com/css2?family=Roboto:wght@400;700&display=swap" rel="stylesheet">"""

FONTS_IMPORT = """<style>
@import url('https://fonts.googleapis.com/css2?family=Inter&display=swap');
body { font-family: Inter, sans-serif; }
</style>"""

RECAPTCHA = """<script src="https://www.google.com/recaptcha/api.js" async defer></script>
<form action="/laheta" method="POST">
  <div class="g-recaptcha" data-sitekey="6LcAbCdEfGhIjKlMnOpQrStUvWxYz0123456789"></div>
</form>"""

RECAPTCHA_NET = """<script src="https://www.recaptcha.net/recaptcha/api.js?render=6LcAbCdEfGhIjKlMnOpQrStUvWxYz0123456789"></script>"""

X_PIXEL = """<!-- Twitter conversion tracking base code -->
<script>
!function(e,t,n,s,u,a){e.twq||(s=e.twq=function(){s.exe?s.exe.apply(s,arguments):s.queue.push(arguments);
},s.version='1.1',s.queue=[],u=t.createElement(n),u.async=!0,u.src='https://static.ads-twitter.com/uwt.js',
a=t.getElementsByTagName(n)[0],a.parentNode.insertBefore(u,a))}(window,document,'script');
twq('config','o4k2x');
</script>"""

PINTEREST = """<script type="text/javascript">
!function(e){if(!window.pintrk){window.pintrk = function () {
window.pintrk.queue.push(Array.prototype.slice.call(arguments))};var
  n=window.pintrk;n.queue=[],n.version="3.0";var
  t=document.createElement("script");t.async=!0,t.src=e;var
  r=document.getElementsByTagName("script")[0];
  r.parentNode.insertBefore(t,r)}}("https://s.pinimg.com/ct/core.js");
pintrk('load', '2612345678901', {em: '<user_email_address>'});
pintrk('page');
</script>
<noscript>
<img height="1" width="1" style="display:none;" alt=""
  src="https://ct.pinterest.com/v3/?event=init&tid=2612345678901&pd[em]=<hashed_email_address>&noscript=1" />
</noscript>"""

SNAP = """<script type='text/javascript'>
(function(e,t,n){if(e.snaptr)return;var a=e.snaptr=function()
{a.handleRequest?a.handleRequest.apply(a,arguments):a.queue.push(arguments)};
a.queue=[];var s='script';r=t.createElement(s);r.async=!0;
r.src=n;var u=t.getElementsByTagName(s)[0];
u.parentNode.insertBefore(r,u);})(window,document,
'https://sc-static.net/scevent.min.js');
snaptr('init', '0f3c2a9e-6b1d-4c8e-9a7f-2d5b8e1c4a60', {});
snaptr('track', 'PAGE_VIEW');
</script>"""

UET = """<script>(function(w,d,t,r,u){var f,n,i;w[u]=w[u]||[],f=function(){var o={ti:"187654321", enableAutoSpaLoading: true};o.q=w[u],w[u]=new UET(o),w[u].push("pageLoad")},n=d.createElement(t),n.src=r,n.async=1,n.onload=n.onreadystatechange=function(){var s=this.readyState;s&&s!=="loaded"&&s!=="complete"||(f(),n.onload=n.onreadystatechange=null)},i=d.getElementsByTagName(t)[0],i.parentNode.insertBefore(n,i)})(window,document,"script","//bat.bing.com/bat.js","uetq");</script>
<noscript><img src="//bat.bing.com/action/0?ti=187654321&Ver=2" height="0" width="0" style="display:none; visibility: hidden;" /></noscript>"""

YANDEX = """<!-- Yandex.Metrika counter -->
<script type="text/javascript" >
   (function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};
   m[i].l=1*new Date();
   for (var j = 0; j < document.scripts.length; j++) {if (document.scripts[j].src === r) { return; }}
   k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})
   (window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");

   ym(98765432, "init", {
        clickmap:true,
        trackLinks:true,
        accurateTrackBounce:true,
        webvisor:true
   });
</script>
<noscript><div><img src="https://mc.yandex.ru/watch/98765432" style="position:absolute; left:-9999px;" alt="" /></div></noscript>
<!-- /Yandex.Metrika counter -->"""

# (snippet id, service, head, body, ids the scan must report, other services the snippet loads)
CASES = [
    ("ga4", "google-analytics", GA4, "", {"G-7QK2LMN3PZ"}, set()),
    ("ua", "google-analytics", UA, "", {"UA-12345678-1"}, set()),
    ("gtm", "google-tag-manager", GTM_HEAD, GTM_BODY, {"GTM-K7P2QX9"}, set()),
    ("ads", "google-ads", ADS, "", {"AW-123456789"}, set()),
    ("ads-legacy", "google-ads", "", ADS_LEGACY, {"123456789"}, set()),
    ("meta", "meta-pixel", META, "", {"123456789012345"}, set()),
    ("meta-fi", "meta-pixel", META_FI_UNQUOTED, "", set(), set()),
    ("linkedin", "linkedin-insight", "", LINKEDIN, {"1234567"}, set()),
    ("hotjar", "hotjar", HOTJAR, "", {"3456789"}, set()),
    ("clarity", "microsoft-clarity", CLARITY, "", {"k3x9q2m7ab"}, set()),
    ("tiktok", "tiktok-pixel", TIKTOK, "", {"CABC123DEF456GHI789J"}, set()),
    ("matomo", "matomo", MATOMO, "", {"3"}, set()),
    ("matomo-cloud", "matomo", MATOMO_CLOUD, "", {"1"}, set()),
    ("plausible", "plausible", PLAUSIBLE, "", {"kespet.fi"}, set()),
    ("plausible-new", "plausible", PLAUSIBLE_NEW, "", {"pa-AbC123xyz"}, set()),
    ("hubspot", "hubspot", "", HUBSPOT, {"2345678"}, set()),
    ("mailchimp-site", "mailchimp", MAILCHIMP_SITE, "", {"0a1b2c3d4e5f60718293a4b5c"}, set()),
    ("mailchimp-form", "mailchimp", "", MAILCHIMP_FORM, {"0a1b2c3d4e5f60718293a4b5c"}, set()),
    ("youtube", "youtube", "", YOUTUBE, set(), set()),
    ("youtube-api", "youtube", "", YOUTUBE_API, set(), set()),
    ("youtube-nocookie", "youtube-nocookie", "", YOUTUBE_NOCOOKIE, set(), set()),
    ("vimeo", "vimeo", "", VIMEO, set(), set()),
    ("maps", "google-maps", "", MAPS, set(), set()),
    ("maps-fi", "google-maps", "", MAPS_FI, set(), set()),
    ("maps-js", "google-maps", MAPS_JS, "", set(), set()),
    ("fonts", "google-fonts", FONTS, "", set(), set()),
    ("fonts-import", "google-fonts", FONTS_IMPORT, "", set(), set()),
    ("recaptcha", "recaptcha", RECAPTCHA, "", set(), set()),
    ("recaptcha-net", "recaptcha", RECAPTCHA_NET, "", set(), set()),
    ("x", "x-pixel", X_PIXEL, "", {"o4k2x"}, set()),
    ("pinterest", "pinterest-tag", PINTEREST, "", {"2612345678901"}, set()),
    ("snap", "snap-pixel", SNAP, "", {"0f3c2a9e-6b1d-4c8e-9a7f-2d5b8e1c4a60"}, set()),
    ("uet", "microsoft-uet", UET, "", {"187654321"}, set()),
    ("yandex", "yandex-metrica", YANDEX, "", {"98765432"}, set()),
]
# Services added later keep their snippets beside their own tests.
CASES += SCAN_SERVICE_CASES


def page(head: str = "", body: str = "") -> str:
    return PAGE.format(head=head, body=body)


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


def test_every_catalogue_service_has_a_signature_and_a_snippet_here():
    ids = set(catalog.services())
    assert set(builtin_signatures().services) == ids
    assert {case[1] for case in CASES} == ids


@pytest.mark.parametrize(
    "service, head, body, ids, others", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_vendor_snippet_is_found_with_its_ids(scanner, service, head, body, ids, others):
    result = scanner.scan_html("palvelut/index.html", page(head, body))
    found = {d.service for d in result.detections}
    assert found == {service} | others, result.detections
    seen_ids = {i for d in result.detections for i in d.ids}
    assert ids <= seen_ids
    assert result.unknown_hosts == [], result.unknown_hosts
    assert all(d.path == "palvelut/index.html" and d.line > 5 for d in result.detections)
    assert all(not d.consent_gated for d in result.detections)


def test_noscript_pixels_are_reported_as_noscript(scanner):
    result = scanner.scan_html("x.html", page(META))
    kinds = {d.kind for d in result.detections}
    assert kinds == {"inline-script", "noscript"}
    noscript = next(d for d in result.detections if d.kind == "noscript")
    assert noscript.ids == ("123456789012345",)
    assert noscript.host == "www.facebook.com"


def test_gtm_noscript_iframe_alone_is_found(scanner):
    result = scanner.scan_html("x.html", page(body=GTM_BODY))
    [detection] = result.detections
    assert (detection.service, detection.kind, detection.ids) == (
        "google-tag-manager",
        "noscript",
        ("GTM-K7P2QX9",),
    )


def test_ga_and_ads_in_one_gtag_snippet_are_both_found(scanner):
    snippet = GA4.replace(
        "gtag('config', 'G-7QK2LMN3PZ');",
        "gtag('config', 'G-7QK2LMN3PZ');\n  gtag('config', 'AW-987654321');",
    )
    result = scanner.scan_html("x.html", page(snippet))
    by_service = {d.service: d for d in result.detections if d.kind == "inline-script"}
    assert by_service["google-ads"].ids == ("AW-987654321",)
    assert by_service["google-analytics"].ids == ("G-7QK2LMN3PZ",)


@pytest.mark.parametrize(
    "tag",
    [
        '<SCRIPT SRC="HTTPS://WWW.GOOGLETAGMANAGER.COM/gtag/js?id=G-7QK2LMN3PZ"></SCRIPT>',
        "<script src='//www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ'></script>",
        "<script async src=https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ></script>",
        '<script src="https://www.googletagmanager.com:443/gtag/js?id=G-7QK2LMN3PZ"></script>',
        '<script src="https://www.googletagmanager.com/gtag/js?l=dataLayer&amp;id=G-7QK2LMN3PZ"></script>',
    ],
    ids=["uppercase", "protocol-relative", "unquoted", "port", "entity-in-query"],
)
def test_url_spelling_variants(scanner, tag):
    result = scanner.scan_html("x.html", page(tag))
    assert [(d.service, d.ids) for d in result.detections] == [
        ("google-analytics", ("G-7QK2LMN3PZ",))
    ]


def test_loader_hidden_in_the_sites_own_script_counts(scanner):
    bundle = (
        "/* site bundle */\nfunction boot(){}\n" + HOTJAR.split("<script>")[1].split("</script>")[0]
    )
    result = scanner.scan_asset("assets/js/x.js", bundle.encode())
    [detection] = result.detections
    assert (detection.service, detection.kind, detection.path) == (
        "hotjar",
        "js-file",
        "assets/js/x.js",
    )
    assert detection.ids == ("3456789",)
    # lines: comment, boot(), the rest of "<script>", "(function…", "h.hj=…", "h._hjSettings…"
    assert bundle.splitlines()[5].strip().startswith("h._hjSettings")
    assert detection.line == 6
    assert result.bytes_scanned == len(bundle.encode())


def test_css_asset_import_counts(scanner):
    css = 'body{margin:0}\n@import url("https://fonts.googleapis.com/css2?family=Inter");\n'
    result = scanner.scan_asset("assets/css/site.css", css)
    [detection] = result.detections
    assert (detection.service, detection.kind, detection.line) == ("google-fonts", "css", 2)


def test_escaped_json_urls_in_scripts_are_read(scanner):
    js = 'var cfg={"src":"https:\\/\\/connect.facebook.net\\/en_US\\/fbevents.js"};'
    result = scanner.scan_asset("assets/js/cfg.js", js)
    assert [d.service for d in result.detections] == ["meta-pixel"]


def test_evidence_is_short_and_on_one_line(scanner):
    result = scanner.scan_html("x.html", page(TIKTOK + UET + YANDEX))
    assert result.detections
    for detection in result.detections:
        assert len(detection.evidence) <= 120
        assert "\n" not in detection.evidence


def test_evidence_is_the_most_telling_line(scanner):
    result = scanner.scan_html("x.html", page(META + LINKEDIN))
    evidence = {(d.service, d.kind): d.evidence for d in result.detections}
    # the line with the pixel id, not the first line of the minified bootstrap
    assert evidence[("meta-pixel", "inline-script")] == "fbq('init', '123456789012345');"
    linkedin = [d for d in result.detections if d.service == "linkedin-insight"]
    assert [d.evidence for d in linkedin if d.kind == "inline-script"] == [
        '_linkedin_partner_id = "1234567";',
        'b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";',
    ]


def test_seloste_scan_finds_every_service_in_a_built_site(tmp_path):
    import json

    from click.testing import CliRunner

    from seloste.cli import main

    for name, _service, head, body, _ids, _others in CASES:
        folder = tmp_path / "site" / name
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(page(head, body), encoding="utf-8")
    out = CliRunner().invoke(main, ["scan", str(tmp_path / "site"), "--format", "json"])
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert {d["service"] for d in data["detections"]} == set(catalog.services())
    assert data["unknown_hosts"] == []
    assert data["files_scanned"] == len(CASES)
