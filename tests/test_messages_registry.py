"""Registry findings (R codes) in the user's language, end to end through the CLI.

A Finnish marketer who mistypes a legal basis, a service id or the YAML itself reads
what is wrong and what to write in Finnish (Swedish with ``--messages sv``); the code,
the file, the line and the column are exactly those of the English report, so CI
scripts that grep ``path:line:col: CODE`` work in every language.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY

BROKEN = MINIMAL_REGISTRY.replace("legal_basis: contract", "legal_basis: oikeutettu etu") + (
    "services:\n  - id: linkedin\n  - id: google-analytics\n    pirpose: analytiikka\n"
)
LOCATION = re.compile(r"^(\S+:\d+:\d+: R\d{3}) ", re.M)


def _validate(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "seloste", *options, "validate", "-r", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_a_finnish_user_reads_registry_errors_and_fixes_in_finnish(broken: Path) -> None:
    english = _validate(broken, "--messages", "en")
    finnish = _validate(broken, "--messages", "fi")
    assert english.returncode == finnish.returncode == 2
    en_out, fi_out = english.stdout + english.stderr, finnish.stdout + finnish.stderr
    # Same codes at the same places: only the words change.
    assert LOCATION.findall(en_out) == LOCATION.findall(fi_out)
    assert len(LOCATION.findall(fi_out)) == 3
    # R105: the legal basis, its guess and its fix.
    assert "did you mean 'legitimate_interests' (oikeutettu etu)?" in en_out
    assert "ei ole mikään arvoista" in fi_out
    assert "tarkoititko 'legitimate_interests' (oikeutettu etu)?" in fi_out
    assert "kirjoita `legal_basis: legitimate_interests`" in fi_out
    # R113: the service id, with the registry key and the id untouched.
    assert "palvelua 'linkedin' ei ole Selosteen palveluluettelossa" in fi_out
    assert "tarkoititko 'linkedin-insight'?" in fi_out
    assert "kirjoita `id: linkedin-insight`" in fi_out
    # R103: the key stays English inside the Finnish sentence.
    assert "services[1].pirpose: tuntematon avain 'pirpose'; tarkoititko 'purpose'?" in fi_out
    for english_only in ("did you mean", "is not one of", "write `", "unknown key"):
        assert english_only not in fi_out


def test_swedish_on_request(broken: Path) -> None:
    swedish = _validate(broken, "--messages", "sv")
    out = swedish.stdout + swedish.stderr
    assert "menade du 'legitimate_interests' (oikeutettu etu)?" in out
    assert "tjänsten 'linkedin' finns inte i Selostes tjänstekatalog" in out
    assert "okänd nyckel 'pirpose'" in out


@pytest.mark.parametrize(
    ("text", "finnish"),
    [
        ("controller:\n\tname: X\n", "YAML-syntaksivirhe: sarkainmerkki"),
        ("controller:\n  name: 'Testi\n", "tästä alkavaa lainausta ei suljeta"),
        ("languages: [fi, en\n", "ei suljeta merkillä ']'"),
        ("- a\n- b\n", "rekisteritiedosto on luettelo"),
        ("", "rekisteritiedosto on tyhjä"),
        ("a: 1\na: 2\n", "avain 'a' on kahdesti (ensimmäinen rivillä 1)"),
    ],
)
def test_yaml_problems_in_finnish(tmp_path: Path, text: str, finnish: str) -> None:
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    english = _validate(path, "--messages", "en")
    run = _validate(path, "--messages", "fi")
    out = run.stdout + run.stderr
    assert run.returncode == 2
    assert finnish in out, out
    assert LOCATION.findall(out) == LOCATION.findall(english.stdout + english.stderr)


def test_missing_file_and_bad_page_path_in_finnish(tmp_path: Path) -> None:
    run = _validate(tmp_path / "puuttuu.yaml", "--messages", "fi")
    out = run.stdout + run.stderr
    assert "R100 rekisteritiedostoa ei löydy" in out
    assert "puuttuu.yaml" in out

    from seloste import messages
    from seloste.findings import SelosteError
    from seloste.notices.confine import check_page_paths

    messages.use("fi")
    try:
        with pytest.raises(SelosteError) as caught:
            check_page_paths({"privacy": {"fi": "../docs/fi/pwned"}}, ["fi"], "fi")
    finally:
        messages.use("en")
    finding = caught.value.findings[0]
    assert finding.code == "R119" and finding.path == "mkdocs.yml"
    assert "johtaa ulos kansiostaan ('..')" in finding.message
    assert finding.fix and finding.fix.startswith("kirjoita polku sivuston sisällä")


def _described_fields() -> dict[str, str]:
    from pydantic import BaseModel

    import seloste.registry.model as model

    out = {}
    for name in dir(model):
        cls = getattr(model, name)
        if (
            isinstance(cls, type)
            and issubclass(cls, BaseModel)
            and cls.__module__ == model.__name__
        ):
            for field, info in cls.model_fields.items():
                if info.description:
                    out[f"R.help.{cls.__name__}.{field}"] = info.description
    return out


def test_every_field_description_has_every_language_and_no_entry_is_left_over() -> None:
    """The help a fix quotes (``add `name: …` here (…)``) exists for every described field;
    the English is the model's description itself, so the two never drift apart."""
    from seloste import messages

    catalogue = messages.catalogue()
    described = _described_fields()
    missing = [key for key in described if key not in catalogue]
    assert not missing, f"field descriptions without a catalogue entry: {missing}"
    differ = [k for k, text in described.items() if catalogue[k]["en"].format() != text]
    assert not differ, f"English entries that differ from the model's description: {differ}"
    extra = [k for k in catalogue if k.startswith("R.help.") and k not in described]
    assert not extra, f"help entries for fields that do not exist: {extra}"


def test_a_missing_key_is_explained_in_finnish(tmp_path: Path) -> None:
    path = tmp_path / "registry.yaml"
    path.write_text(MINIMAL_REGISTRY.replace("  name: Testi Oy\n", ""), encoding="utf-8")
    run = _validate(path, "--messages", "fi")
    out = run.stdout + run.stderr
    assert "R104 controller.name: pakollinen avain 'name' puuttuu" in out
    assert (
        "korjaus: lisää tähän `name: …` (Yrityksen virallinen nimi, esimerkiksi 'Kespet Oy')" in out
    )
    english = _validate(path, "--messages", "en")
    assert "add `name: …` here (Legal name of the company, e.g. 'Kespet Oy')" in english.stderr
