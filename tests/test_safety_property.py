"""Property: registry text never adds an element, attribute or link scheme (issue #8).

Every text, name and URL field of a registry gets an arbitrary string (the
injection payloads of issue #8 among the candidates); both notices in both
languages are rendered to HTML (``seloste render --format html``'s path) and
parsed. Compared with the same pages made from placeholder text, no new
(element, attribute) pair, class or URL scheme may appear, beyond the structure
``md_block`` promises for multi-line texts (paragraphs, line breaks, lists).
The renderers get the strings without the loader's R116-R118 checks, so the
escaping is tested on its own. Fixed seed: the same examples on every run.

The same comparison runs through a real ``mkdocs build`` (Material, static-i18n fi/en,
the Markdown extensions whose syntax text could borrow): see the second half.
"""

from __future__ import annotations

import copy
import importlib.util
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from conftest import build_site, write_site
from seloste.notices.privacy import write_notice_pages
from seloste.registry.load import LoadedRegistry
from seloste.registry.model import Registry
from seloste.yamlpos import load_located

TEMPLATE = yaml.safe_load(
    textwrap.dedent(
        """\
        controller:
          name: T_name
          address: {street: T_street, postal_code: T_postal, city: T_city, country: T_country}
          phone: T_phone
          website: U_website
        privacy_contact: {name: T_cname, title: T_ctitle, phone: T_cphone}
        registers:
          - id: a
            name: T_rname
            data_subjects: [B_subjects]
            purposes:
              - {description: B_purpose, legal_basis: legitimate_interests,
                 legitimate_interest: B_interest}
            data_categories: [B_category]
            sources: [{description: B_source}]
            recipients: [{name: T_recipient, description: B_rdesc}]
            transfers: [{recipient: T_trecipient, country: T_tcountry, description: B_tdesc}]
            retention: B_retention
            provision: {required: voluntary, consequences: B_consequences}
            automated_decisions: {used: true, description: B_automated}
            further_processing: B_further
            joint_controllers: [B_joint]
            security: B_security
            notes: B_notes
          - id: b
            name: T_rname2
        rights: {how_to_exercise: B_how, notes: {access: B_access, complaint: B_complaint}}
        dates: {created: 2024-01-01}
        changelog: [{date: 2024-02-01, change: B_change}]
        services:
          - {id: hotjar, name: T_sname, provider: T_sprovider, purpose: B_spurpose,
             privacy_url: U_privacy, register: a}
          - {id: youtube, name: T_yname, provider: T_yprovider}
        cookies:
          - {name: T_cookie, provider: T_cprovider, category: necessary, purpose: B_cpurpose,
             duration: T_duration, party: third, domain: T_domain}
        """
    )
)

PAYLOADS = [
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.example/) <img src=x onerror=alert(1)> (",
    "sid\n<img src=x onerror=alert(2)>",
    '??? warning "x"\n    sisältö',
    "!!! danger\n    x",
    "# otsikko {#evil .cls onclick=x}",
    "| a | b |\n|---|---|\n| c | d |",
    "[linkki](javascript:alert(1)) ![kuva](x.png)",
    "<div markdown>\n*x*\n</div>",
    "```\nkoodi\n```",
    "    sisennetty koodi",
    ": määritelmä",
    "*[HTML]: Hyper",
    "[^1]: alaviite",
    "$x^2$ ^^i^^ ~~d~~ ==m== ++k++ :smile:",
    "Eka kappale\n\nToinen kappale",
    "<https://x.example> <a@b.fi>",
    "&lt;script&gt; &#x3C;",
    "{: .x onclick=alert(1) }",
    "\u202etxt.exe",
    "- a\n- b\n\n1. c\n2. d",
]
#: Elements md_block may add from a multi-line text (paragraphs, breaks, lists).
STRUCTURE = {("p", ""), ("br", ""), ("ul", ""), ("ol", ""), ("li", ""), ("strong", "")}

text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(alphabet=st.sampled_from(list("ab <>&\"'`*_[](){}#!?:|=~^$+-.\\\n/@;")), max_size=40),
    st.text(max_size=20),
)


def registry_with(values: dict[str, str]) -> LoadedRegistry:
    def fill(node):
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fill(v) for v in node]
        if isinstance(node, str) and node in values:
            return values[node]
        return node

    data = fill(copy.deepcopy(TEMPLATE))
    located = load_located(yaml.safe_dump(data, allow_unicode=True))
    return LoadedRegistry(Registry.model_validate(data), "r.yaml", located, ["fi", "en"])


def placeholders() -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and node[:2] in {"T_", "B_", "U_"}:
            found.append(node)

    walk(TEMPLATE)
    return found


FIELDS = placeholders()
PLAIN = {f: ("https://example.com/x" if f.startswith("U_") else "Lorem ipsum") for f in FIELDS}


def shape(out: Path) -> tuple[set, set, set]:
    elements, classes, schemes = set(), set(), set()
    for page in sorted(out.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            elements.add((tag.name, ""))
            for attr, value in tag.attrs.items():
                elements.add((tag.name, attr))
                if attr == "class":
                    classes.update(value)
                if attr in {"href", "src", "action", "formaction"}:
                    schemes.add(value.split(":", 1)[0].lower() if ":" in value else "")
    return elements, classes, schemes


def render(values: dict[str, str], out: Path) -> tuple[set, set, set]:
    write_notice_pages(registry_with(values), out, ["fi", "en"], "html", force=True)
    return shape(out)


BASELINE: dict[str, tuple[set, set, set]] = {}


def baseline(tmp: Path) -> tuple[set, set, set]:
    if "b" not in BASELINE:
        BASELINE["b"] = render(PLAIN, tmp / "plain")
    return BASELINE["b"]


@seed(20261202)
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.fixed_dictionaries({f: text for f in FIELDS}))
def test_registry_text_adds_no_element_attribute_or_scheme(tmp_path: Path, values):
    values = {f: (v if v.strip() else "x") for f, v in values.items()}
    for f in FIELDS:
        if f.startswith("U_") and not values[f].strip():
            values[f] = "https://example.com/x"
    elements, classes, schemes = baseline(tmp_path)
    got_elements, got_classes, got_schemes = render(values, tmp_path / "hostile")
    assert got_elements <= elements | STRUCTURE, got_elements - elements - STRUCTURE
    assert got_classes <= classes, got_classes - classes
    assert got_schemes <= schemes | {"https", "http", "mailto", ""}, got_schemes - schemes


def test_every_payload_in_every_field_at_once(tmp_path: Path):
    """Each payload in every field together, so every field meets every payload."""
    elements, classes, schemes = baseline(tmp_path)
    for index, payload in enumerate(PAYLOADS):
        got = render(dict.fromkeys(FIELDS, payload), tmp_path / f"p{index}")
        assert got[0] <= elements | STRUCTURE, (payload, got[0] - elements - STRUCTURE)
        assert got[1] <= classes, (payload, got[1] - classes)
        assert got[2] <= schemes | {"https", "http", "mailto", ""}, (payload, got[2])


# --- Through a real `mkdocs build` ------------------------------------------------------------
#
# The same comparison on the pages a real build publishes: Material (when installed, as the
# other build tests use it), mkdocs-static-i18n fi/en, and the Markdown extensions whose
# syntax registry text could borrow (admonitions, details, attribute lists, Markdown in HTML,
# definitions, footnotes, abbreviations, the pymdownx inline marks, emoji, math, snippets).
# A build takes seconds, so each build fills every field with a batch of strings (the payloads
# above, and 30 distinct strings hypothesis draws for each build), rotated so that across the
# builds every field meets every payload, at the start of its text and after a paragraph break
# or a space; each URL field gets one URL payload per build. A hook lets
# the registry through the loader's R115-R118 checks (as the test above does), so the escaping
# alone stands between the text and the page.

BUILDS = 4
DRAWN = 30
#: URL payloads for the URL fields, rotated over the builds.
URL_PAYLOADS = [
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.example/) <img src=x onerror=alert(1)> (",
    'https://x.example/"><script>alert(3)</script>',
    "https://x.example/a b|c",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    " JaVaScRiPt:alert(4)",
]
#: A file a snippets include (``--8<--``) could pull into the page; its text must never show.
CANARY = "CANARY-7f3a9c-never-in-a-page"
BUILD_PAYLOADS = [
    *PAYLOADS,
    '--8<-- "canary.txt"',
    ';--8<-- "canary.txt"',
    "<script>alert(5)</script>",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(6)>",
    '<a href="javascript:alert(7)">x</a>',
    "[x]: javascript:alert(8)\n\n[y][x]",
    "- [x] tehtävä",
    "Termi\n:   määritelmä",
    "===\n---",
]
PAGES = ["tietosuojaseloste/index.html", "evasteet/index.html"]
PAGES += ["en/privacy/index.html", "en/cookies/index.html"]

UNCHECKED_HOOK = '''\
"""Lets the registry's texts through the loader's own checks (R115-R118): escaping alone
is under test."""
import seloste.registry.load as load

load.text_problems = lambda *args, **kwargs: iter(())
load._value_problems = lambda *args, **kwargs: iter(())
'''


def site_config() -> str:
    theme = (
        "{name: material, font: false}"
        if importlib.util.find_spec("material") is not None
        else "{name: mkdocs}"
    )
    return textwrap.dedent(
        f"""\
        site_name: Testi
        site_url: https://testi.example/
        theme: {theme}
        hooks: [unchecked.py]
        plugins:
          - i18n:
              docs_structure: folder
              languages:
                - {{locale: fi, name: Suomi, default: true, build: true}}
                - {{locale: en, name: English, build: true}}
          - seloste:
              lint: false
              fatal: false
        markdown_extensions:
          - abbr
          - admonition
          - attr_list
          - def_list
          - footnotes
          - md_in_html
          - tables
          - toc: {{permalink: true}}
          - pymdownx.arithmatex: {{generic: true}}
          - pymdownx.caret
          - pymdownx.details
          - pymdownx.emoji
          - pymdownx.keys
          - pymdownx.mark
          - pymdownx.snippets
          - pymdownx.superfences
          - pymdownx.tasklist
          - pymdownx.tilde
        """
    )


def built_shape(root: Path, values: dict[str, str]) -> dict[str, tuple[Counter, set, set]]:
    """Build the site with ``values`` in the registry; each notice page's shape."""
    data = registry_with(values).located.data
    write_site(
        root,
        {
            "mkdocs.yml": site_config(),
            "unchecked.py": UNCHECKED_HOOK,
            "canary.txt": CANARY + "\n",
            "docs/fi/index.md": "# Etusivu\n",
            "docs/en/index.md": "# Home\n",
        },
    )
    (root / "data").mkdir(exist_ok=True)
    (root / "data/registry.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    build = build_site(root)
    assert build.returncode == 0, build.output[-3000:]
    shapes = {}
    for page in PAGES:
        html_text = build.page(page)
        assert CANARY not in html_text, page
        shapes[page] = page_shape(html_text)
    return shapes


def page_shape(html_text: str) -> tuple[Counter, set, set]:
    """How often each (element, attribute) occurs, the classes and the link schemes."""
    counts: Counter = Counter()
    classes: set = set()
    schemes: set = set()
    for tag in BeautifulSoup(html_text, "html.parser").find_all(True):
        counts[(tag.name, "")] += 1
        for attr, value in tag.attrs.items():
            counts[(tag.name, attr)] += 1
            if attr == "class":
                classes.update(value)
            if attr in {"href", "src", "action", "formaction", "data", "xlink:href"}:
                value = str(value).strip()
                schemes.add(value.split(":", 1)[0].lower() if ":" in value.split("/")[0] else "")
    return counts, classes, schemes


#: Placeholder text, one per field: equal values would merge groups (the cookie notice gives
#: each provider its own table), and the hostile builds' values all differ.
PLAIN_DISTINCT = {
    f: ("https://example.com/x" if f.startswith("U_") else f"Lorem ipsum {f[2:].lower()}")
    for f in FIELDS
}


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory) -> dict[str, tuple[Counter, set, set]]:
    return built_shape(tmp_path_factory.mktemp("plain"), PLAIN_DISTINCT)


def batch_values(strings: list[str], build: int) -> dict[str, str]:
    """Every field's batch in build number ``build``: field ``i`` gets strings ``i + build *
    size`` onwards, so over ``BUILDS`` builds each field has met every string."""
    size = -(-len(strings) // BUILDS)
    texts = [f for f in FIELDS if not f.startswith("U_")]
    urls = [f for f in FIELDS if f.startswith("U_")]
    values = {}
    for i, field in enumerate(texts):
        picked = [strings[(i + build * size + j) % len(strings)] for j in range(size)]
        # Alternately after a paragraph break and after a space: block and inline places.
        text = picked[0]
        for j, item in enumerate(picked[1:]):
            text += ("\n\n" if j % 2 == 0 else " ") + item
        values[field] = text if text.strip() else "x"
    for i, field in enumerate(urls):
        values[field] = URL_PAYLOADS[(build * len(urls) + i) % len(URL_PAYLOADS)]
    return values


BUILT: list[int] = []


@pytest.mark.skipif(importlib.util.find_spec("material") is None, reason="Material not installed")
@seed(20261203)
@settings(
    max_examples=BUILDS,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],  # no shrinking: a build takes seconds, the failure says enough
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=st.lists(text, min_size=DRAWN, max_size=DRAWN, unique=True))
def test_a_real_build_adds_no_element_attribute_or_scheme(tmp_path_factory, plain_build, drawn):
    """Every field of the registry, every payload and the drawn strings, through `mkdocs
    build`: each notice page (fi and en) has no element, attribute, class or link scheme the
    page built from placeholder text lacks, and no more of any element or attribute beyond
    the paragraphs, breaks and lists of multi-line texts (a live ``<script>`` would be one
    more of an element Material's page already has)."""
    number = len(BUILT) % BUILDS
    BUILT.append(number)
    values = batch_values([*BUILD_PAYLOADS, *drawn], number)
    got = built_shape(tmp_path_factory.mktemp(f"hostile{number}"), values)
    for page, (counts, classes, schemes) in got.items():
        plain_counts, plain_classes, plain_schemes = plain_build[page]
        more = {
            key: (n, plain_counts[key])
            for key, n in counts.items()
            if key not in STRUCTURE and n > plain_counts[key]
        }
        assert more == {}, (page, more)
        assert classes <= plain_classes, (page, classes - plain_classes)
        assert schemes <= plain_schemes | {"https", "http", "mailto", ""}, (page, schemes)


def test_the_builds_cover_every_field_with_every_string():
    strings = [*BUILD_PAYLOADS, *(f"s{i}" for i in range(DRAWN))]
    met: dict[str, set[str]] = {f: set() for f in FIELDS if not f.startswith("U_")}
    for number in range(BUILDS):
        for field, value in batch_values(strings, number).items():
            if field in met:
                met[field] |= {s for s in strings if s in value}
    assert all(seen == set(strings) for seen in met.values())
    urls = {batch_values(strings, n)[f] for n in range(BUILDS) for f in FIELDS if f[:2] == "U_"}
    assert urls == set(URL_PAYLOADS)
