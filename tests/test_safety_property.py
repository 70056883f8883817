"""Property: registry text never adds an element, attribute or link scheme (issue #8).

Every text, name and URL field of a registry gets an arbitrary string (the
injection payloads of issue #8 among the candidates); both notices in both
languages are rendered to HTML (``seloste render --format html``'s path) and
parsed. Compared with the same pages made from placeholder text, no new
(element, attribute) pair, class or URL scheme may appear, beyond the structure
``md_block`` promises for multi-line texts (paragraphs, line breaks, lists).
The renderers get the strings without the loader's R116-R118 checks, so the
escaping is tested on its own. Fixed seed: the same examples on every run.
"""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from seloste.notices.privacy import write_notice_pages
from seloste.registry.load import LoadedRegistry
from seloste.registry.model import Registry
from seloste.registry.yamlpos import load_located

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
