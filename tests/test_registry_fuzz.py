"""Whatever a marketer types, the loader answers with findings, never a traceback."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seloste.findings import SelosteError
from seloste.registry import parse_registry

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = re.findall(
    r"```yaml\n(.*?)```", (ROOT / "docs" / "en" / "registry.md").read_text(encoding="utf-8"), re.S
)
EXAMPLE_TEXT = next(b for b in EXAMPLE if "controller:" in b and "registers:" in b)

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

KEYS = [
    "controller", "registers", "name", "business_id", "email", "purposes", "legal_basis",
    "description", "fi", "en", "sv", "dates", "created", "services", "id", "hosts", "rights",
    "notes", "access", "languages", "transfers", "country", "used", "automated_decisions",
    "address", "street", "cookies", "lint", "severity", "<<", "emial", "1", "no",
]  # fmt: skip


def parses_or_explains(text: str, languages: list[str] | None = None) -> None:
    try:
        loaded = parse_registry(text, "data/registry.yaml", languages)
    except SelosteError as exc:
        assert exc.findings
        for finding in exc.findings:
            assert finding.code.startswith("R1")
            assert finding.path == "data/registry.yaml"
            assert finding.one_line().startswith("data/registry.yaml")
    else:
        assert loaded.registry.registers


TOKENS = [*"abcfin: \n-\t[]{},'\"#&*!|>%@?~.0123456789", "\x00", "é", "\ufeff", "  ", "- ", *KEYS]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


@FUZZ
@given(YAMLISH)
def test_random_yamlish_text(text):
    parses_or_explains(text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**12),
    st.floats(allow_nan=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.text(max_size=20),
    st.sampled_from(
        ["consent", "9.3.2021", "2021-13-01", "a@b.fi", "1572860-0", "google-analytic"]
    ),
)
data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=30,
)


@FUZZ
@given(data, st.sampled_from([None, ["fi"], ["fi", "en", "sv"]]))
def test_random_nested_data(value, languages):
    parses_or_explains(yaml.safe_dump(value, allow_unicode=True), languages)


@settings(FUZZ, max_examples=50)
@given(
    st.dictionaries(st.sampled_from(KEYS), data, max_size=6),
    st.sampled_from(["controller", "registers", "dates", "services", "rights"]),
)
def test_random_values_in_a_real_registry(replacement, section):
    base = yaml.safe_load(EXAMPLE_TEXT)
    base[section] = replacement
    parses_or_explains(yaml.safe_dump(base, allow_unicode=True))


@FUZZ
@given(st.integers(0, len(EXAMPLE_TEXT) - 1), st.integers(1, 40), YAMLISH)
def test_edits_of_the_example(start, length, inserted):
    parses_or_explains(EXAMPLE_TEXT[:start] + inserted + EXAMPLE_TEXT[start + length :])
