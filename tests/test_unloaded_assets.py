"""A JS/CSS file in the built site that nothing loads: its trackers are reported as
left-over code (T116, a warning), never dropped and never as a live tracker."""

from __future__ import annotations

import json

import pytest

from conftest import BARE_REGISTRY, build_site, run_seloste, write_site
from seloste.audit.site import check_site
from seloste.registry import load_registry
from seloste.scan.references import unreferenced

PIXEL_JS = (
    "!function(f,b,e,v){var t=b.createElement(e);t.async=!0;t.src=v;"
    "b.head.appendChild(t)}(window,document,'script',"
    "'https://connect.facebook.net/en_US/fbevents.js');\nfbq('init', '1234567890123');\n"
)
FONTS_CSS = "@import url('https://fonts.googleapis.com/css2?family=Roboto');\n"
PAGE = "<!DOCTYPE html><html><head><title>x</title>{head}</head><body>{body}</body></html>\n"


def site(tmp_path, files: dict[str, str]):
    root = tmp_path / "site"
    write_site(root, files)
    return root


@pytest.mark.parametrize(
    ("referrer", "text"),
    [
        ("index.html", '<script src="/assets/js/vendor.js"></script>'),
        ("blog/post/index.html", '<script src="../../assets/js/vendor.js?v=3"></script>'),
        ("index.html", "<script type=module>import './assets/js/vendor.js';</script>"),
        ("assets/js/main.js", "import { x } from './vendor.js';\n"),
        ("assets/js/main.js", 'const m = await import("./vendor.js#x");\n'),
        ("assets/js/sw.js", "importScripts('vendor.js');\n"),
        ("index.html", '<link rel="modulepreload" href=assets/js/vendor.js>'),
    ],
)
def test_each_way_of_loading_a_script_counts(tmp_path, referrer, text):
    root = site(tmp_path, {"assets/js/vendor.js": PIXEL_JS, referrer: text})
    assert unreferenced(root, ["assets/js/vendor.js"]) == set()


@pytest.mark.parametrize(
    "text",
    [
        '<link rel="stylesheet" href="assets/css/fonts.css">',
        "<style>@import 'assets/css/fonts.css';</style>",
        '<style>@import url("../assets/css/fonts.css") screen;</style>',
        '<div style="background:url(assets/css/fonts.css)"></div>',
    ],
)
def test_each_way_of_loading_a_stylesheet_counts(tmp_path, text):
    root = site(tmp_path, {"assets/css/fonts.css": FONTS_CSS, "index.html": text})
    assert unreferenced(root, ["assets/css/fonts.css"]) == set()


def test_a_css_import_from_another_stylesheet_counts(tmp_path):
    root = site(
        tmp_path,
        {
            "assets/css/fonts.css": FONTS_CSS,
            "assets/css/main.css": '@import "fonts.css";\n',
            "index.html": '<link rel="stylesheet" href="assets/css/main.css">',
        },
    )
    assert unreferenced(root, ["assets/css/fonts.css"]) == set()


@pytest.mark.parametrize(
    "text",
    [
        "<p>Nothing here.</p>",
        '<script src="assets/old/old.vendor.js"></script>',  # another file
        "//# sourceMappingURL=vendor.js.map",  # the source map, not the script
        '<script src="assets/old/vendor.jsx"></script>',
    ],
)
def test_names_that_are_not_the_file_do_not_count(tmp_path, text):
    root = site(tmp_path, {"assets/old/vendor.js": PIXEL_JS + text, "index.html": text})
    assert unreferenced(root, ["assets/old/vendor.js"]) == {"assets/old/vendor.js"}


def registry(tmp_path, extra: str = ""):
    path = tmp_path / "registry.yaml"
    path.write_text(BARE_REGISTRY + extra, encoding="utf-8")
    return load_registry(path, display_path="data/registry.yaml")


def test_a_tracker_in_a_file_nothing_loads_is_a_warning_not_a_live_tracker(tmp_path):
    root = site(
        tmp_path,
        {"index.html": PAGE.format(head="", body="Hei"), "assets/old/vendor.js": PIXEL_JS},
    )
    checked = check_site(root, registry(tmp_path), publication="off")
    codes = sorted(f.code for f in checked.findings)
    assert codes == ["T116"], [f.one_line() for f in checked.findings]
    (found,) = checked.findings
    assert found.severity.value == "warning" and not checked.fails()
    assert found.path == "assets/old/vendor.js"
    assert "no page loads" in found.message and "Meta Pixel" in found.message
    assert "remove the file" in (found.fix or "") and "- id: meta-pixel" in (found.fix or "")


def test_the_same_file_loaded_by_a_page_is_a_live_tracker(tmp_path):
    head = '<script src="assets/old/vendor.js"></script>'
    root = site(
        tmp_path,
        {"index.html": PAGE.format(head=head, body="Hei"), "assets/old/vendor.js": PIXEL_JS},
    )
    checked = check_site(root, registry(tmp_path), publication="off")
    codes = {f.code for f in checked.findings}
    assert {"T101", "T106"} <= codes and "T116" not in codes
    assert checked.fails()


def test_a_declared_service_only_in_a_dead_file_is_not_reported_missing(tmp_path):
    root = site(
        tmp_path,
        {"index.html": PAGE.format(head="", body="Hei"), "assets/old/vendor.js": PIXEL_JS},
    )
    loaded = registry(tmp_path, "services:\n  - id: meta-pixel\n")
    checked = check_site(root, loaded, publication="off")
    codes = sorted(f.code for f in checked.findings)
    assert codes == ["T116"], [f.one_line() for f in checked.findings]
    assert "declared" in (checked.findings[0].fix or "")


def test_an_unknown_host_in_a_dead_stylesheet_is_downgraded_too(tmp_path):
    css = "@import url('https://cdn.chatwidget.example/widget.css');\n"
    root = site(
        tmp_path,
        {"index.html": PAGE.format(head="", body="Hei"), "assets/old/theme.css": css},
    )
    checked = check_site(root, registry(tmp_path), publication="off")
    assert [f.code for f in checked.findings] == ["T116"]
    assert checked.findings[0].subject == "cdn.chatwidget.example"


def test_a_mkdocs_build_warns_about_a_vendor_bundle_left_in_docs(tmp_path):
    write_site(
        tmp_path,
        {
            "mkdocs.yml": "site_name: T\nsite_url: https://example.org/\n"
            "theme: {name: material, font: false}\n"
            "plugins:\n  - search\n  - seloste:\n      lint: false\n",
            "data/registry.yaml": BARE_REGISTRY,
            "docs/index.md": "# Hei\n",
            "docs/assets/old/vendor.js": PIXEL_JS,
        },
    )
    build = build_site(tmp_path)
    assert build.returncode == 0, build.output  # a warning, not an error
    t116 = [line for line in build.output.splitlines() if " T116 " in line]
    assert len(t116) == 1, build.output
    assert "docs/assets/old/vendor.js:2:14: T116 " in t116[0]
    assert "in the built site: site/assets/old/vendor.js:" in t116[0]
    assert " T101 " not in build.output and " T106 " not in build.output
    scan = json.loads(run_seloste("scan", "site/", "--format", "json", cwd=tmp_path).stdout)
    dead = [d for d in scan["detections"] if d["path"] == "assets/old/vendor.js"]
    assert dead and all(d["loaded"] is False for d in dead)
    assert all("loaded" not in d for d in scan["detections"] if d not in dead)
