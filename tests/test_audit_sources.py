"""Audit findings point at the source that put a tracker in the built site (the template,
the Markdown page, the mkdocs.yml line, the JS file, Hugo's layouts, Jekyll's includes),
with the built page kept as the second location. Real builds in temporary folders."""

from __future__ import annotations

import json

from conftest import BARE_REGISTRY, build_site, run_seloste, write_site
from seloste.sitesources import Sources, for_project

LINKEDIN = """\
<script type="text/javascript">
_linkedin_partner_id = "5566778";
window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
window._linkedin_data_partner_ids.push(_linkedin_partner_id);
</script><script type="text/javascript">
(function(l) {
var s = document.getElementsByTagName("script")[0];
var b = document.createElement("script");
b.type = "text/javascript";b.async = true;
b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
s.parentNode.insertBefore(b, s);})(window.lintrk);
</script>
<noscript><img height="1" width="1" style="display:none;" alt=""
src="https://px.ads.linkedin.com/collect/?pid=5566778&fmt=gif" /></noscript>
"""
META_PIXEL = """\
<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '1234567890123');
fbq('track', 'PageView');
</script>
"""
OVERRIDE = (
    """\
{% extends "base.html" %}
{% block extrahead %}
{{ super() }}
"""
    + LINKEDIN
    + "{% endblock %}\n"
)

REGISTRY = BARE_REGISTRY


def check_t101(project, site: str) -> tuple[str, list[str]]:
    """`seloste check SITE` run in the project: its output and the T101 lines in it."""
    out = run_seloste("check", site, "-r", "data/registry.yaml", cwd=project).stdout
    return out, [line for line in out.splitlines() if " T101 " in line]


def mkdocs_project(root, *, extra_yml: str = "", files: dict[str, str] | None = None):
    yml = (
        "site_name: Test\nsite_url: https://example.org/\n"
        "theme:\n  name: material\n  font: false\n  custom_dir: overrides\n"
        "plugins:\n  - search\n  - seloste:\n      lint: false\n      fatal: false\n" + extra_yml
    )
    return write_site(
        root,
        {
            "mkdocs.yml": yml,
            "data/registry.yaml": REGISTRY,
            "docs/index.md": "# Etusivu\n\nTervetuloa.\n",
            "overrides/.keep": "",
            **(files or {}),
        },
    )


def at(text: str, needle: str, nth: int = 0) -> str:
    """``line:col`` of ``needle`` (its ``nth`` occurrence) in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def warnings(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f" {code} " in line]


def test_a_linkedin_snippet_pasted_into_a_theme_override_is_reported_at_the_override(tmp_path):
    root = mkdocs_project(tmp_path, files={"overrides/main.html": OVERRIDE})
    build = build_site(root)
    assert build.returncode == 0, build.output
    t101 = warnings(build.output, "T101")
    assert len(t101) == 1, build.output
    # _linkedin_partner_id = "5566778" is line 5 of overrides/main.html, the id at column 25.
    assert "overrides/main.html:5:25: T101 " in t101[0], t101
    assert "LinkedIn" in t101[0]
    assert (
        "(in the built site: site/index.html:" in t101[0] or "in the built site: site/" in t101[0]
    )


def test_a_meta_pixel_in_a_markdown_page_is_reported_at_the_page(tmp_path):
    page = "# Yhteystiedot\n\nSoita meille.\n\n" + META_PIXEL
    root = mkdocs_project(tmp_path, files={"docs/yhteystiedot.md": page})
    build = build_site(root)
    t101 = warnings(build.output, "T101")
    assert len(t101) == 1, build.output
    # fbq('init', '1234567890123') is line 11 of the page (the id at column 14).
    assert "docs/yhteystiedot.md:11:14: T101 " in t101[0], t101
    assert "in the built site: site/yhteystiedot/index.html:" in t101[0]


def test_extra_analytics_in_mkdocs_yml_is_reported_at_the_property_line(tmp_path):
    extra = "extra:\n  analytics:\n    provider: google\n    property: G-ABCD1234\n"
    root = mkdocs_project(tmp_path, extra_yml=extra)
    build = build_site(root)
    t101 = warnings(build.output, "T101")
    assert len(t101) == 1, build.output
    line = 1 + (root / "mkdocs.yml").read_text().splitlines().index("    property: G-ABCD1234")
    assert f"mkdocs.yml:{line}:15: T101 " in t101[0], t101


def test_a_js_file_in_docs_is_reported_at_its_line(tmp_path):
    js = "// site analytics\nvar s = document.createElement('script');\n"
    js += "s.src = 'https://static.hotjar.com/c/hotjar-3712345.js?sv=6';\n"
    js += "document.head.appendChild(s);\n"
    root = mkdocs_project(
        tmp_path,
        extra_yml="extra_javascript:\n  - js/stats.js\n",
        files={"docs/js/stats.js": js},
    )
    build = build_site(root)
    found = warnings(build.output, "T101")
    assert len(found) == 1, build.output
    assert found[0].split(": T101")[0].endswith(f"docs/js/stats.js:{at(js, '3712345')}"), found


def test_seloste_check_points_at_the_source_in_every_format(tmp_path):
    root = mkdocs_project(tmp_path, files={"overrides/main.html": OVERRIDE})
    assert build_site(root).returncode == 0
    text = run_seloste("check", "site/", "-r", "data/registry.yaml", cwd=root)
    assert "overrides/main.html:5:25: T101 " in text.stdout, text.stdout + text.stderr
    assert "in the built site: site/index.html:" in text.stdout
    report = json.loads(
        run_seloste(
            "check", "site/", "-r", "data/registry.yaml", "--format", "json", cwd=root
        ).stdout
    )
    t101 = next(f for f in report["findings"] if f["code"] == "T101")
    assert (t101["path"], t101["line"], t101["col"]) == ("overrides/main.html", 5, 25)
    assert t101["data"]["source"] == {
        "path": "overrides/main.html",
        "line": 5,
        "col": 25,
        "more": 0,
    }
    assert t101["data"]["built"]["path"] == "site/index.html"
    github = run_seloste(
        "check", "site/", "-r", "data/registry.yaml", "--format", "github", cwd=root
    ).stdout
    assert "file=overrides/main.html,line=5,col=25,title=T101::" in github, github
    junit = run_seloste(
        "check", "site/", "-r", "data/registry.yaml", "--format", "junit", cwd=root
    ).stdout
    assert 'file="overrides/main.html" line="5"' in junit


def test_seloste_scan_json_keeps_the_built_path_and_adds_the_source(tmp_path):
    root = mkdocs_project(tmp_path, files={"overrides/main.html": OVERRIDE})
    assert build_site(root).returncode == 0
    report = json.loads(run_seloste("scan", "site/", "--format", "json", cwd=root).stdout)
    linkedin = [d for d in report["detections"] if d["service"] == "linkedin-insight"]
    assert linkedin
    for detection in linkedin:
        assert detection["path"].endswith(".html") and not detection["path"].startswith("site/")
        assert isinstance(detection["line"], int) and detection["consent_gated"] is False
        assert detection["source"]["path"] == "overrides/main.html"
        assert detection["source"]["line"] in (5, 13, 16)


HUGO_LAYOUT = """\
<!DOCTYPE html>
<html lang="fi">
<head>
  <meta charset="utf-8">
  <title>{{ .Title }}</title>
  {{ partial "analytics.html" . }}
</head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
"""
HUGO_PARTIAL = """\
{{ if hugo.IsProduction }}
<!-- Google Tag Manager -->
<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','{{ site.Params.gtm }}');</script>
{{ end }}
"""
BUILT_GTM = """\
<!DOCTYPE html>
<html lang="fi">
<head>
<meta name="generator" content="Hugo 0.111.3">
<title>Etusivu</title>
<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-K7ABCD9');</script>
</head>
<body><p>Hei</p></body>
</html>
"""


def test_a_hugo_project_points_at_its_config_for_an_id_from_params(tmp_path):
    write_site(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "T"\n\n[params]\n'
            '  gtm = "GTM-K7ABCD9"\n',
            "layouts/_default/baseof.html": HUGO_LAYOUT,
            "layouts/partials/analytics.html": HUGO_PARTIAL,
            "content/_index.md": "---\ntitle: Etusivu\n---\nHei\n",
            "data/registry.yaml": REGISTRY,
            "public/index.html": BUILT_GTM,
        },
    )
    out, t101 = check_t101(tmp_path, "public/")
    assert t101 and t101[0].startswith("hugo.toml:5:10: T101 "), out
    assert "in the built site: public/index.html:9)" in t101[0]


def test_a_hugo_theme_partial_is_found_by_the_gtm_host(tmp_path):
    partial = HUGO_PARTIAL.replace("{{ site.Params.gtm }}", "GTM-K7ABCD9")
    write_site(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://example.org/"\ntheme = "ananke"\n',
            "themes/ananke/layouts/partials/analytics.html": partial,
            "data/registry.yaml": REGISTRY,
            "public/index.html": BUILT_GTM,
        },
    )
    out, t101 = check_t101(tmp_path, "public/")
    where = at(partial, "GTM-K7ABCD9")
    assert t101[0].startswith(f"themes/ananke/layouts/partials/analytics.html:{where}: T101 "), out


def test_a_jekyll_include_is_the_source_and_the_site_folder_is_not(tmp_path):
    write_site(
        tmp_path,
        {
            "_config.yml": "title: Testi\n",
            "_includes/head.html": '<meta charset="utf-8">\n' + META_PIXEL,
            "_layouts/default.html": "<html><head>{% include head.html %}</head>"
            "<body>{{ content }}</body></html>\n",
            "index.md": "---\nlayout: default\n---\nHei\n",
            "data/registry.yaml": REGISTRY,
            "_site/index.html": '<html><head><meta name="generator" content="Jekyll v4.3.2">'
            + META_PIXEL
            + "</head><body>Hei</body></html>\n",
        },
    )
    out, t101 = check_t101(tmp_path, "_site/")
    assert t101 and t101[0].startswith("_includes/head.html:8:14: T101 "), out
    assert "in the built site: _site/index.html:" in t101[0]


def test_several_sources_name_the_first_and_count_the_rest(tmp_path):
    write_site(
        tmp_path,
        {
            "overrides/main.html": "x\n" + META_PIXEL,
            "docs/a.md": META_PIXEL,
            "docs/b.md": META_PIXEL,
            "mkdocs.yml": "site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n",
        },
    )
    sources = Sources(tmp_path, [])
    found = for_project(tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    assert found is not None
    hit = found.locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and (hit.path, hit.line, hit.more) == ("overrides/main.html", 8, 2)
    assert sources.locate(["1234567890123"]) is None


def test_nothing_is_read_when_nothing_is_asked(tmp_path, monkeypatch):
    write_site(tmp_path, {"mkdocs.yml": "site_name: x\n", "docs/a.md": META_PIXEL})
    found = for_project(tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    assert found is not None and found._files is None and not found._texts


def counting_reads(monkeypatch) -> list[str]:
    """The names of the files ``Path.read_text`` reads from now on (the list fills)."""
    from pathlib import Path

    reads: list[str] = []
    original = Path.read_text

    def counting(self, *args, **kwargs):
        reads.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    return reads


def test_each_source_file_is_read_once_for_many_lookups(tmp_path, monkeypatch):
    write_site(tmp_path, {"mkdocs.yml": "site_name: x\n", "docs/a.md": META_PIXEL})
    found = for_project(tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    assert found is not None
    reads = counting_reads(monkeypatch)
    for host in ("connect.facebook.net", "snap.licdn.com", "static.hotjar.com"):
        found.locate([], host)
        found.locate(["1234567890123"], host)
    assert sorted(reads) == ["a.md", "mkdocs.yml"]


def test_a_zensical_project_points_at_its_toml(tmp_path):
    toml = (
        '[project]\nsite_name = "Testi"\ndocs_dir = "sisalto"\n\n'
        '[project.extra.analytics]\nprovider = "google"\nproperty = "G-ZEN12345"\n'
    )
    built = (
        '<html><head><meta name="generator" content="zensical-0.0.73">'
        '<script src="https://www.googletagmanager.com/gtag/js?id=G-ZEN12345"></script>'
        "</head><body>Hei</body></html>\n"
    )
    write_site(
        tmp_path,
        {
            "zensical.toml": toml,
            "sisalto/index.md": "# Hei\n",
            "data/registry.yaml": REGISTRY,
            "site/index.html": built,
        },
    )
    out, t101 = check_t101(tmp_path, "site/")
    assert t101 and t101[0].startswith(f"zensical.toml:{at(toml, 'G-ZEN12345')}: T101 "), out


def test_without_a_project_the_built_file_stays_the_location(tmp_path):
    write_site(
        tmp_path,
        {
            "data/registry.yaml": REGISTRY,
            "www/index.html": "<html><head>" + META_PIXEL + "</head><body>x</body></html>\n",
        },
    )
    out, t101 = check_t101(tmp_path, "www/")
    assert t101 and t101[0].startswith("www/index.html:"), out
    assert "in the built site" not in t101[0]


def test_seloste_scan_text_and_annotations_name_the_source(tmp_path):
    root = mkdocs_project(tmp_path, files={"overrides/main.html": OVERRIDE})
    assert build_site(root).returncode == 0
    text = run_seloste("scan", "site/", cwd=root).stdout
    head = text.splitlines()
    at_line = next(i for i, line in enumerate(head) if line.startswith("LinkedIn Insight Tag"))
    assert head[at_line + 1] == "  source: overrides/main.html:5:25", text
    github = run_seloste("scan", "site/", "--format", "github", cwd=root).stdout
    assert "::notice file=overrides/main.html,line=5,col=25,title=linkedin-insight::" in github
    junit = run_seloste("scan", "site/", "--format", "junit", cwd=root).stdout
    assert 'file="overrides/main.html" line="5"' in junit


def test_an_analytics_id_from_the_environment_points_at_the_property_key(tmp_path, monkeypatch):
    monkeypatch.setenv("GOOGLE_ANALYTICS_KEY", "G-FROMENV12")
    extra = (
        "extra:\n  analytics:\n    # from CI\n    provider: google\n"
        "    property: !ENV GOOGLE_ANALYTICS_KEY\n"
    )
    root = mkdocs_project(tmp_path, extra_yml=extra)
    build = build_site(root)
    t101 = warnings(build.output, "T101")
    assert len(t101) == 1 and "G-FROMENV12" in t101[0], build.output
    yml = (root / "mkdocs.yml").read_text()
    assert f"mkdocs.yml:{at(yml, 'property: !ENV')}: T101 " in t101[0], t101


def test_mkdocs_serve_warns_at_the_source_too(tmp_path):
    from servekit import mkdocs_serve, wait_for

    root = mkdocs_project(tmp_path, files={"overrides/main.html": OVERRIDE})
    with mkdocs_serve(root) as served:
        assert wait_for(served.url, "5566778", 60), "the site was not served"
    t101 = [line for line in served.output.splitlines() if " T101 " in line]
    assert t101 and "overrides/main.html:5:25: T101 " in t101[0], served.output
    # Under serve the site is built in a temporary folder: the page's path in the site.
    assert "(in the built site: index.html:" in t101[0]


def test_a_page_that_only_names_a_host_in_its_text_is_not_the_source(tmp_path):
    write_site(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\n",
            "docs/a.md": "We do not use connect.facebook.net on this site.\n",
            "docs/b.md": "<script src='https://connect.facebook.net/en_US/fbevents.js'></script>\n",
        },
    )
    found = for_project(tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    assert found is not None
    hit = found.locate([], "connect.facebook.net")
    assert hit is not None and (hit.path, hit.line, hit.col, hit.more) == ("docs/b.md", 1, 22, 0)


def test_a_snippet_shown_as_a_code_sample_is_not_the_source(tmp_path):
    sample = "# Ohje\n\n```html\n" + META_PIXEL + "```\n"
    write_site(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\n",
            "docs/a-ohje.md": sample,
            "docs/b-yhteystiedot.md": "# Yhteystiedot\n\n" + META_PIXEL,
        },
    )
    found = for_project(tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    assert found is not None
    hit = found.locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and (hit.path, hit.line, hit.more) == ("docs/b-yhteystiedot.md", 9, 0)
