"""Cookie knowledge (catalogue), the site's effective cookie list and the cookie notice."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import MINIMAL_REGISTRY, build_site
from seloste import catalog
from seloste.catalog.cookies import (
    SITE_KEY,
    Duration,
    catalog_cookies,
    name_matches,
    parse_duration,
)
from seloste.consent import cookie_findings, effective_cookies
from seloste.findings import Severity
from seloste.notices.common import NoticeLinks
from seloste.notices.cookies import duration_text, render_cookie_notice
from seloste.registry.load import load_registry

DEMO_SERVICES = """\
services:
  - id: google-analytics
    ids: [G-7QK2LMN3PZ]
  - id: google-ads
  - id: meta-pixel
  - id: linkedin-insight
"""


def registry(tmp_path: Path, extra: str = DEMO_SERVICES, base: str = MINIMAL_REGISTRY):
    path = tmp_path / "registry.yaml"
    path.write_text(base + textwrap.dedent(extra), encoding="utf-8")
    return load_registry(path, ["fi", "en"])


def table_rows(page: str) -> dict[str, list[str]]:
    """Cookie name → its table cells, from the Markdown as Python-Markdown renders it."""
    html = markdown.markdown(page, extensions=["tables", "attr_list"])
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
        ]
        if cells:
            rows[cells[0]] = cells
    return rows


# --- the catalogue --------------------------------------------------------------------------


def test_every_service_has_a_cookie_entry_and_nothing_else_is_listed():
    ids = set(catalog.services())
    listed = set(catalog_cookies())
    assert ids - listed == set(), "services without a cookies.yaml entry"
    assert listed - ids == {SITE_KEY}


def test_cookieless_services_have_no_cookies():
    for service_id, info in catalog.services().items():
        if info.cookieless:
            assert catalog_cookies()[service_id] == (), service_id


@pytest.mark.parametrize("service_id", sorted(set(catalog.services()) | {SITE_KEY}))
def test_every_catalogue_cookie_is_complete(service_id):
    for fact in catalog_cookies()[service_id]:
        assert fact.party in {"first", "third"}, fact.name
        assert (fact.domain is not None) == (fact.party == "third"), fact.name
        assert fact.purpose.get("fi") and fact.purpose.get("en") and fact.purpose.get("sv"), (
            fact.name
        )
        assert fact.purpose["fi"] != fact.purpose["en"], fact.name
        assert fact.technology in {"cookie", "local_storage", "session_storage", "pixel"}
        assert fact.category in {None, "necessary", "preferences", "statistics", "marketing"}


def test_known_facts_from_the_open_cookie_database_and_vendors():
    by_name = {(f.service_id, f.name): f for facts in catalog_cookies().values() for f in facts}
    assert by_name[("google-analytics", "_ga")].duration == Duration("years", 2)
    assert by_name[("google-analytics", "_ga_*")].duration == Duration("years", 2)
    assert by_name[("google-ads", "_gcl_au")].duration == Duration("months", 3)
    assert by_name[("meta-pixel", "_fbp")].duration == Duration("days", 90)
    assert by_name[("linkedin-insight", "li_fat_id")].duration == Duration("days", 30)
    assert by_name[("linkedin-insight", "bcookie")].duration == Duration("years", 1)
    assert by_name[("linkedin-insight", "lidc")].duration == Duration("days", 1)
    assert by_name[("linkedin-insight", "bcookie")].party == "third"
    assert by_name[("meta-pixel", "_fbp")].party == "first"


def test_licence_and_attribution_ship_with_the_data():
    folder = Path(catalog.__file__).parent
    assert "Apache License" in (folder / "LICENSE-open-cookie-database").read_text()
    notice = (folder / "NOTICE").read_text()
    assert "Open Cookie Database" in notice and "Apache License, Version 2.0" in notice


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 years", Duration("years", 2)),
        ("1 day", Duration("days", 1)),
        ("13 months", Duration("months", 13)),
        ("session", Duration("session")),
        ("Persistent", Duration("persistent")),
        ("kaksi vuotta", None),
        ({"fi": "2 vuotta", "en": "2 years"}, None),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


def test_duration_text_per_language():
    assert duration_text(Duration("years", 2), "fi") == "2 vuotta"
    assert duration_text(Duration("years", 1), "fi") == "1 vuosi"
    assert duration_text(Duration("days", 1), "en") == "1 day"
    assert duration_text(Duration("months", 13), "sv") == "13 månader"
    assert duration_text(Duration("session"), "fi") == "Istunto"
    assert duration_text({"fi": "kunnes kirjaudut ulos", "en": "until logout"}, "fi") == (
        "kunnes kirjaudut ulos"
    )


def test_prefix_patterns():
    assert name_matches("_ga_*", "_ga_7QK2LMN3PZ")
    assert not name_matches("_ga_*", "_ga")
    assert name_matches("_ga", "_ga") and not name_matches("_ga", "_gab")


# --- the effective list ---------------------------------------------------------------------


def test_a_declared_service_brings_its_catalogue_cookies(tmp_path):
    rows = effective_cookies(registry(tmp_path))
    names = {(r.service_id, r.name) for r in rows}
    assert {
        ("google-analytics", "_ga"),
        ("meta-pixel", "_fbp"),
        ("linkedin-insight", "li_fat_id"),
    } <= names
    assert ("hotjar", "_hjSessionUser_*") not in names  # not declared, not listed
    # Material's consent storage is always there, as necessary first-party storage.
    consent = next(r for r in rows if r.name == "__consent")
    assert (consent.category, consent.technology, consent.service_id) == (
        "necessary",
        "local_storage",
        None,
    )


def test_registry_cookies_override_by_name_and_inherit_from_patterns(tmp_path):
    loaded = registry(
        tmp_path,
        """\
        services:
          - id: google-analytics
            cookies:
              - name: _ga
                duration: 13 months
              - name: _ga_7QK2LMN3PZ
              - name: _gid
                purpose: {fi: Virheenjäljitys, en: Debugging}
        """,
    )
    rows = {r.name: r for r in effective_cookies(loaded)}
    assert rows["_ga"].duration == Duration("months", 13)
    assert (
        rows["_ga"].purpose["fi"].startswith("Erottaa kävijät")
    )  # the rest still from the catalogue
    assert "_ga_*" not in rows  # replaced by the concrete name it matches
    assert rows["_ga_7QK2LMN3PZ"].duration == Duration("years", 2)
    assert rows["_ga_7QK2LMN3PZ"].category == "statistics"
    assert rows["_gid"].category == "statistics"  # a new cookie of the service: its category
    # Only the new cookie lacks a fact: how long it lasts.
    assert [(f.code, f.data["cookie"]) for f in cookie_findings(loaded)] == [("C103", "_gid")]


def test_unknown_cookie_without_category_is_an_error_with_its_line(tmp_path):
    loaded = registry(
        tmp_path,
        """\
        cookies:
          - name: __palette
            category: necessary
            technology: local_storage
            duration: persistent
            purpose: {fi: Muistaa värimaailman, en: Remembers the colour scheme}
          - name: session_id
        """,
    )
    findings = cookie_findings(loaded)
    codes = sorted(f.code for f in findings)
    assert codes == ["C101", "C102", "C103"]
    c101 = next(f for f in findings if f.code == "C101")
    assert c101.severity is Severity.error
    assert "session_id" in c101.message and "cookies[1]" in c101.message
    lines = (tmp_path / "registry.yaml").read_text().splitlines()
    assert "session_id" in lines[c101.line - 1]
    assert "category: necessary" in c101.fix


def test_the_sites_own_storage_is_first_party_by_default(tmp_path):
    loaded = registry(
        tmp_path,
        """\
        cookies:
          - name: __palette
            category: necessary
            technology: local_storage
            duration: persistent
            purpose: {fi: Muistaa värimaailman, en: Remembers the colour scheme}
        """,
    )
    row = next(r for r in effective_cookies(loaded) if r.name == "__palette")
    assert (row.party, row.service_id, row.origin) == ("first", None, "registry")


# --- the cookie notice ----------------------------------------------------------------------


@pytest.fixture
def demo_like(tmp_path):
    return registry(
        tmp_path,
        DEMO_SERVICES
        + """\
  - id: youtube-nocookie
""",
        base=MINIMAL_REGISTRY.replace(
            "  created: 2024-01-15\n", "  created: 2021-03-09\n  updated: 2026-11-20\n"
        ),
    )


def test_fi_notice_lists_the_declared_cookies_with_finnish_purposes(demo_like):
    page = render_cookie_notice(demo_like, "fi", NoticeLinks(privacy="privacy.md"))
    rows = table_rows(page)
    assert rows["_ga"][1].startswith("Erottaa kävijät toisistaan")
    assert rows["_ga"][2] == "2 vuotta"
    assert rows["_ga"][3] == "Eväste, ensimmäinen osapuoli"
    assert rows["_fbp"][1].startswith("Tunnistaa selaimen Metan")
    assert rows["li_fat_id"][1].startswith("LinkedIn-jäsenen epäsuora tunniste")
    assert rows["li_fat_id"][2] == "30 päivää"
    assert rows["bcookie"][3] == "Eväste, kolmas osapuoli (.linkedin.com)"
    assert rows["lidc"][2] == "1 päivä"
    assert rows["__consent"][3] == "localStorage, ensimmäinen osapuoli"


def test_each_service_is_named_once_above_its_cookies(demo_like):
    page = render_cookie_notice(demo_like, "fi", NoticeLinks(privacy="privacy.md"))
    label = "**LinkedIn Insight Tag** (LinkedIn Ireland Unlimited Company)"
    assert page.count(label) == 1
    after = page[page.index(label) + len(label) :]
    table = after[: after.index("\n\n", after.index("|"))]
    assert "`li_fat_id`" in table and "`bcookie`" in table
    assert "LinkedIn Ireland" not in table  # not repeated in the rows
    assert table.splitlines()[2].count("|") == 5  # four columns


def test_notice_groups_cookies_by_category_with_consent_stated(demo_like):
    page = render_cookie_notice(demo_like, "fi", NoticeLinks(privacy="privacy.md"))
    order = [
        page.index(h)
        for h in (
            "### Välttämättömät evästeet",
            "### Tilastolliset evästeet",
            "### Markkinointievästeet",
        )
    ]
    assert order == sorted(order)
    statistics = page[page.index("### Tilastolliset") : page.index("### Markkinointi")]
    assert "`_ga`" in statistics and "`_fbp`" not in statistics
    assert "| Välttämättömät evästeet | " in page and "| Kyllä |" in page
    assert "### Toiminnalliset evästeet" not in page  # youtube-nocookie declares no cookies


def test_notice_has_the_settings_control_the_privacy_link_and_the_date(demo_like):
    fi = render_cookie_notice(demo_like, "fi", NoticeLinks(privacy="privacy.md"))
    en = render_cookie_notice(demo_like, "en", NoticeLinks(privacy="privacy.md"))
    assert '<a href="#__consent" class="md-button md-button--primary">Evästeasetukset</a>' in fi
    assert '<a href="#__consent" class="md-button md-button--primary">Cookie settings</a>' in en
    assert "[tietosuojaselosteessa](privacy.md)" in fi
    assert "[privacy notice](privacy.md)" in en
    assert "päivitetty viimeksi 20.11.2026" in fi
    assert "last updated on 20 November 2026" in en
    assert re.search(r"versio on `[0-9a-f]{8}`", fi)


def test_settings_button_needs_no_attr_list_and_no_anchor(demo_like):
    """Inline HTML: no `{ .md-button }` text in other generators, no Markdown link to check."""
    page = render_cookie_notice(demo_like, "fi", NoticeLinks())
    assert "](#__consent)" not in page
    assert not re.search(r"\{[:#.]", page)  # no attribute lists at all
    html = markdown.markdown(page, extensions=["tables"])  # no attr_list
    button = re.search(r'<a href="#__consent"[^>]*>Evästeasetukset</a>', html)
    assert button and 'class="md-button md-button--primary"' in button.group(0)


def test_settings_button_passes_strict_anchor_validation(site_factory):
    root = site_factory(
        {
            "mkdocs.yml": """\
                site_name: Testi
                site_url: https://testi.example/
                theme: {name: material, font: false}
                validation: {anchors: warn}
                plugins:
                  - seloste: {audit: false, lint: false, language: fi}
                """,
            "data/registry.yaml": MINIMAL_REGISTRY + DEMO_SERVICES,
            "docs/index.md": "# Etusivu\n",
        }
    )
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output
    assert "__consent" not in build.output
    page = build.page("evasteet/index.html")
    assert re.search(r'<a[^>]*class="md-button md-button--primary"[^>]*>Evästeasetukset</a>', page)


def test_notice_lists_embedded_content_and_providers(demo_like):
    fi = render_cookie_notice(demo_like, "fi", NoticeLinks())
    section = fi[fi.index("## Upotettu sisältö") : fi.index("## Suostumuksen")]
    assert "**YouTube (privacy-enhanced mode)** (Google Ireland Limited)" in section
    assert "Ladataan vain, jos olet hyväksynyt" in section
    services = table_rows(fi)
    assert services["Meta Pixel"][3] == "Yhdysvallat, EU–USA-tietosuojakehys"


def test_en_and_sv_notices(demo_like):
    en = table_rows(render_cookie_notice(demo_like, "en", NoticeLinks()))
    assert en["_ga"][2] == "2 years" and en["_ga"][1].startswith("Distinguishes visitors")
    assert en["bcookie"][3] == "Cookie, third party (.linkedin.com)"
    sv_page = render_cookie_notice(demo_like, "sv", NoticeLinks())
    sv = table_rows(sv_page)
    assert sv_page.startswith("# Information om kakor")
    assert sv["_ga"][2] == "2 år"
    assert sv["_ga"][1].startswith("Skiljer besökare åt")


def test_registry_text_cannot_break_the_table_or_inject_html(tmp_path):
    loaded = registry(
        tmp_path,
        """\
        cookies:
          - name: sid
            category: necessary
            duration: session
            purpose: {fi: "Istunto | <script>alert(1)</script>", en: "Session | <b>x</b>"}
        """,
    )
    page = render_cookie_notice(loaded, "fi", NoticeLinks())
    rows = table_rows(page)
    assert len(rows["sid"]) == 4
    assert "<script>" not in markdown.markdown(page, extensions=["tables"])


def test_cookie_yaml_is_plain_yaml_with_no_duplicate_services():
    text = (Path(catalog.__file__).parent / "cookies.yaml").read_text(encoding="utf-8")
    keys = re.findall(r"^([a-z_][\w-]*):", text, re.MULTILINE)
    assert len(keys) == len(set(keys))
    assert set(yaml.safe_load(text)) == set(keys)


def _keys(node, prefix=""):
    if isinstance(node, dict):
        out = set()
        for key, value in node.items():
            out |= {f"{prefix}{key}"} | _keys(value, f"{prefix}{key}.")
        return out
    return set()


@pytest.mark.parametrize("part", ["cookies", "consent"])
def test_every_language_has_the_same_wording_keys_as_finnish(part):
    from seloste.notices.common import available_languages, wording

    finnish = _keys(wording("fi")[part])
    for lang in available_languages():
        assert _keys(wording(lang)[part]) == finnish, lang


# --- what the notice promises follows what the site does ------------------------------------


def categories_table(page: str) -> dict[str, list[str]]:
    """Category name → its cells in the "Evästeluokat" table."""
    start = page.index("## Evästeluokat") if "## Evästeluokat" in page else page.index("## Cookie")
    section = page[start : page.index("\n## ", start + 3)]
    return table_rows(section)


def test_a_site_that_asks_no_consent_promises_none(tmp_path):
    loaded = registry(tmp_path, "services: []\n")
    fi = render_cookie_notice(loaded, "fi", NoticeLinks(privacy="privacy.md"))
    assert "#__consent" not in fi and "Evästeasetukset" not in fi
    assert "## Suostumuksen muuttaminen" not in fi
    assert "kysymme sen erikseen" not in fi and "Kyllä" not in fi
    assert "`__consent`" not in fi and "`__seloste_revision`" not in fi  # never set
    assert "kysymme suostumustasi uudelleen" not in fi  # nothing asks again
    assert "## Evästeluokat" not in fi  # no cookies at all: nothing to classify
    assert "Sivustomme ei tallenna selaimeesi evästeitä" in fi
    assert "päivitetty viimeksi 15.1.2024" in fi
    en = render_cookie_notice(loaded, "en", NoticeLinks())
    assert "#__consent" not in en and "Our site stores no cookies" in en


def test_only_necessary_cookies_show_only_that_category(tmp_path):
    loaded = registry(
        tmp_path,
        """\
        cookies:
          - name: __palette
            category: necessary
            technology: local_storage
            duration: persistent
            purpose: {fi: Muistaa värimaailman, en: Remembers the colour scheme}
        """,
    )
    fi = render_cookie_notice(loaded, "fi", NoticeLinks())
    assert list(categories_table(fi)) == ["Välttämättömät evästeet"]
    assert categories_table(fi)["Välttämättömät evästeet"][1] == (
        "Sivuston perustoiminnot ja tietoturva."  # no cookie choice to store
    )
    assert (
        "Emme käytä toiminnallisia evästeitä, tilastollisia evästeitä emmekä "
        "markkinointievästeitä." in fi
    )
    assert "Käytämme vain välttämättömiä evästeitä." in fi
    assert "suostumuksellasi" not in fi and "#__consent" not in fi
    rows = table_rows(fi)
    assert "__palette" in rows and "__consent" not in rows and "__seloste_revision" not in rows
    assert "Luettelon versio" not in fi


def test_only_the_categories_in_use_are_listed(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: google-analytics\n")
    fi = render_cookie_notice(loaded, "fi", NoticeLinks())
    table = categories_table(fi)
    assert list(table) == ["Välttämättömät evästeet", "Tilastolliset evästeet"]
    assert table["Tilastolliset evästeet"][2] == "Kyllä"
    assert "evästevalintasi tallentaminen" in table["Välttämättömät evästeet"][1]
    assert "Emme käytä toiminnallisia evästeitä emmekä markkinointievästeitä." in fi
    assert "`__consent`" in fi and "#__consent" in fi  # the banner exists: so does its storage
    en = render_cookie_notice(loaded, "en", NoticeLinks())
    assert "| Category | What they are used for | Consent required |" in en


def test_the_banner_decides_when_the_caller_knows_better(tmp_path):
    """Material shows a banner of its own (a GitHub repo_url): the plugin says so."""
    loaded = registry(tmp_path, "services: []\n")
    fi = render_cookie_notice(loaded, "fi", NoticeLinks(), consent=True)
    assert "#__consent" in fi and "`__consent`" in fi


def test_cookieless_services_are_not_put_in_a_cookie_category(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: plausible\n")
    fi = render_cookie_notice(loaded, "fi", NoticeLinks())
    assert table_rows(fi)["Plausible Analytics"][2] == "Ei evästeitä"
    assert "#__consent" not in fi


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_category_descriptions_do_not_place_embeds_the_catalogue_places_elsewhere(lang):
    """YouTube is marketing, Vimeo statistics, YouTube (no-cookie) and Maps preferences:
    no category's description may claim videos or maps for itself."""
    from seloste.notices.common import wording

    assert {catalog.service(s).category for s in ("youtube", "vimeo", "youtube-nocookie")} == {
        "marketing",
        "statistics",
        "preferences",
    }
    for category, texts in wording(lang)["cookies"]["categories"].items():
        use = texts["use"].lower()
        assert not any(word in use for word in ("video", "kart", "map")), (lang, category)


def test_every_key_the_consent_scripts_store_is_listed(demo_like):
    """The receipt, the revision and the choice itself: the notice lists what the site stores."""
    import re as _re

    from seloste.consent import gating_script

    stored = set(_re.findall(r'"(__(?:consent|seloste_\w+))"', gating_script()))
    assert {"__consent", "__seloste_revision", "__seloste_receipt"} <= stored
    rows = table_rows(render_cookie_notice(demo_like, "fi", NoticeLinks()))
    assert stored <= set(rows), stored - set(rows)
