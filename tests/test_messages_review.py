"""The last English-only texts, and the native review's terms (#16 point 1).

- click's own usage errors ("No such option", "Missing argument", …) in the user's
  language, exit code 2, English exactly as click writes it;
- mkdocs.yml problems (``seloste check --config-file``) in the user's language;
- the comments of the draft that ``seloste import`` writes follow the message language;
- texts from PyYAML, ``re`` and the OS inside a Finnish line are labelled as such;
- the nav snippet's comment;
- the terms /work/team/REVIEW-fi.md settled stay settled (no "rakennus" for a build,
  "rekisteri" for the YAML file, "evästebanneri", "havainto" for evidence …).
"""

from __future__ import annotations

import contextvars
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from seloste import messages
from seloste.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO_REGISTRY = ROOT / "data" / "registry.yaml"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def run(*args: str) -> Result:
    """The command line, in a context of its own (the message language does not leak)."""
    return contextvars.copy_context().run(CliRunner().invoke, main, list(args), prog_name="seloste")


# --- click's own usage errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "finnish", "english"),
    [
        (["check", "--bogus"], "Virhe: Valitsinta '--bogus' ei ole.", "No such option '--bogus'."),
        (["check"], "Virhe: Argumentti 'KANSIO' puuttuu.", "Missing argument 'DIRECTORY'."),
        (
            ["check", ".", "--format", "xml"],
            "Virhe: Kohdan '--format' arvo ei kelpaa: 'xml' ei ole mikään vaihtoehdoista "
            "text, json, github, junit.",
            "Invalid value for '--format': 'xml' is not one of",
        ),
        (
            ["lint", "--registri", "x"],
            "Virhe: Valitsinta '--registri' ei ole. Tarkoititko '--registry' tai '--strict'?",
            "Did you mean",
        ),
        (
            ["chek"],
            "Virhe: Komentoa 'chek' ei ole. Tarkoititko 'check' tai 'schema'?",
            "No such command 'chek'.",
        ),
        (["services", "--category"], "Virhe: Valitsin '--category' tarvitsee arvon.", "requires"),
        (
            ["services", "foo"],
            "`seloste services` ei ota argumentteja; kaikki annetaan valitsimina",
            "`seloste services` takes no arguments",
        ),
    ],
)
def test_click_usage_errors_speak_finnish_and_keep_exit_code_2(
    args: list[str], finnish: str, english: str
) -> None:
    fi = run("--messages", "fi", *args)
    assert fi.exit_code == 2, fi.output
    assert finnish in fi.output
    assert "Error:" not in fi.output and "Try '" not in fi.output
    en = run("--messages", "en", *args)
    assert en.exit_code == 2, en.output
    assert english in en.output and "Error: " in en.output


def test_the_usage_frame_is_finnish_and_swedish() -> None:
    fi = run("--messages", "fi", "check", "--bogus")
    assert fi.output.startswith("Käyttö: seloste check [VALITSIMET] KANSIO [REKISTERITIEDOSTO]\n")
    assert "Ohjeen saat komennolla 'seloste check --help'." in fi.output
    sv = run("--messages", "sv", "check", ".", "--format", "xml")
    assert sv.exit_code == 2
    assert "Hjälp får du med 'seloste check --help'." in sv.output
    assert "Fel: Ogiltigt värde för '--format': 'xml' är inte något av alternativen" in sv.output


def test_a_path_problem_from_click_is_explained_in_finnish(tmp_path: Path) -> None:
    import click

    from seloste.cli_errors import localise

    param = click.Argument(["site"], type=click.Path(exists=True))
    error = click.BadParameter("Path '/nope' does not exist.", param=param)

    def shown(lang: str) -> str:
        messages.use(lang)
        return localise(error).format_message()

    assert contextvars.copy_context().run(shown, "fi") == (
        "Kohdan 'SIVUSTO' arvo ei kelpaa: '/nope' ei ole olemassa."
    )
    assert contextvars.copy_context().run(shown, "en") == (
        "Invalid value for 'SITE': Path '/nope' does not exist."
    )


def test_usage_lines_and_option_rows_name_their_parts_in_the_users_language() -> None:
    fi = run("--messages", "fi", "check", "--help")
    assert fi.output.startswith("Käyttö: seloste check [VALITSIMET] KANSIO [REKISTERITIEDOSTO]\n")
    assert "-r, --registry TIEDOSTO" in fi.output and "--lang ARVO" in fi.output
    assert "--severity KOODI=TASO" in fi.output
    group = run("--messages", "fi", "--help")
    assert group.output.startswith("Käyttö: seloste [VALITSIMET] KOMENTO [ARGUMENTIT]...\n")
    hint = run("--messages", "fi", "lint", "a.yaml", "b.yaml")
    assert "`seloste lint` hyväksyy argumenteiksi vain: [REKISTERITIEDOSTO];" in hint.output
    sv = run("--messages", "sv", "inject", "--help")
    assert sv.output.startswith("Användning: seloste inject [FLAGGOR] WEBBPLATS\n")
    en = run("--messages", "en", "check", "--help")
    assert en.output.startswith("Usage: seloste check [OPTIONS] DIRECTORY [REGISTRY]\n")
    assert "-r, --registry FILE" in en.output


# --- mkdocs.yml that cannot be used --------------------------------------------------------


def test_a_broken_config_file_is_reported_in_finnish(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    broken = tmp_path / "broken.yml"
    broken.write_text("site_name: x\nnav: [a: b\n", encoding="utf-8")
    listed = tmp_path / "list.yml"
    listed.write_text("- a\n", encoding="utf-8")
    registry = str(DEMO_REGISTRY)
    result = run("--messages", "fi", "check", str(site), registry, "--config-file", str(broken))
    assert result.exit_code == 2, result.output
    assert "Kohdan --config-file arvo ei kelpaa:" in result.output
    assert f"{broken}: tiedostoa ei voi lukea YAML-muodossa (jäsentimen viesti: " in result.output
    result = run("--messages", "fi", "check", str(site), registry, "--config-file", str(listed))
    assert result.exit_code == 2, result.output
    assert f"{listed}: tämä ei ole MkDocs-asetustiedosto" in result.output
    english = run("--messages", "en", "check", str(site), registry, "--config-file", str(listed))
    assert f"{listed}: not a MkDocs configuration (no mapping at the top)" in english.output


# --- the draft of `seloste import` ---------------------------------------------------------


def _draft(tmp_path: Path, lang: str) -> str:
    out = tmp_path / f"draft-{lang}.yaml"
    seed = SEEDS / "000_acfd2ea94a812d7d.txt"
    result = run("--messages", lang, "import", str(seed), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _comments(text: str) -> str:
    return "\n".join(
        line.split("#", 1)[1] for line in text.splitlines() if line.lstrip().startswith("#")
    )


def test_the_drafts_comments_follow_the_message_language(tmp_path: Path) -> None:
    finnish, english = _draft(tmp_path, "fi"), _draft(tmp_path, "en")
    # the same data, only the comments differ
    assert yaml.safe_load(finnish) == yaml.safe_load(english)
    fi, en = _comments(finnish), _comments(english)
    assert "TODO: check" in en and "from heading" in en
    assert fi.count("TODO") == en.count("TODO") > 5  # the marker stays, for search
    for phrase in ("TODO: tarkista", "otsikon 'Rekisterinpitäjä:' alta", "Vanhan selosteen kielet"):
        assert phrase in fi, phrase
    for english_only in ("TODO: check", "from heading", "the old notice", "named in", "guessed"):
        assert english_only not in fi, english_only


def test_every_note_key_of_the_importer_is_in_the_catalogue() -> None:
    from seloste.importer.fields import UNSORTED_NOTES
    from seloste.importer.tables import _service_data

    catalogue = messages.catalogue()
    keys = list(UNSORTED_NOTES.values())
    keys += [k for notes in _service_data().get("features", {}).values() for k in notes.values()]
    assert keys and not [k for k in keys if k not in catalogue]


# --- texts of other programs inside Finnish lines -----------------------------------------


def test_a_yaml_parser_message_is_labelled_in_finnish(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text("controller:\n  name: @Esimerkki Oy\n", encoding="utf-8")
    result = run("--messages", "fi", "validate", str(registry))
    assert result.exit_code == 2, result.output
    line = next(x for x in result.output.splitlines() if " R101 " in x)
    assert re.match(rf"{re.escape(str(registry))}:\d+:\d+: R101 YAML-syntaksivirhe", line)
    assert "(jäsentimen viesti: " in line


def test_os_and_regex_messages_are_labelled() -> None:
    assert "(kohdassa 0; jäsentimen viesti: missing )" in messages.msg_in(
        "fi", "S101.regex", regex="(", problem="missing )", pos=0
    )
    assert "(käyttöjärjestelmän viesti: Permission denied)" in messages.msg_in(
        "fi", "R100.unreadable", reason="Permission denied"
    )
    assert "(parserns meddelande: x)" in messages.msg_in("sv", "R101.syntax", problem="x")


# --- the nav snippet ----------------------------------------------------------------------


def test_the_nav_snippet_comment_is_in_the_message_language() -> None:
    from seloste.mkdocs_nav import nav_yaml

    def in_lang(lang: str) -> str:
        messages.use(lang)
        return nav_yaml(["privacy.md", "cookies.md"], None)

    assert contextvars.copy_context().run(in_lang, "fi") == (
        "nav:\n  # … omat sivusi …\n  - privacy.md\n  - cookies.md\n"
    )
    assert "# … your pages …" in contextvars.copy_context().run(in_lang, "en")


# --- the review's terms ----------------------------------------------------------------


def _templates(lang: str) -> dict[str, str]:
    return {key: t[lang] for key, t in messages.catalogue().items()}


@pytest.mark.parametrize(
    ("lang", "pattern", "why"),
    [
        ("fi", r"\brakennu(s|ksen|sta|kseen)\b", "a build is 'sivuston rakentaminen' (item 4)"),
        ("fi", r"evästebanneri", "the banner is 'suostumusbanneri' (item 5)"),
        ("fi", r"havainto: \{evidence\}|löydös:", "evidence is 'näyte' (item 2)"),
        ("fi", r"tunnisteella \{ids\}|tunnisteelle \{foreign\}", "an id is 'tunnus' (item 3)"),
        ("fi", r"rekisteri (lupaa|ei mainitse)|vaikka rekisterissä on", "the file (item 1)"),
        ("fi", r"sivuston tarkistus pois", "'tarkastus' (item 7)"),
        ("fi", r"palvelimeltanne|ei ole teidän\b", "one form of address (item 45)"),
        ("sv", r"kakbannern", "'samtyckesbannern' (item 5)"),
        ("sv", r"\bdeklarer", "'angiven/ange' (item 47)"),
        ("sv", r"tredjepartsserver|före varje val", "items 46 and 48"),
    ],
)
def test_the_reviews_terms_stay_settled(lang: str, pattern: str, why: str) -> None:
    found = [k for k, t in _templates(lang).items() if re.search(pattern, t)]
    assert not found, f"{why}: {found}"


@pytest.mark.parametrize(
    ("key", "lang", "fields", "expected"),
    [
        ("plugin.summary.time", "fi", {"seconds": "1,90"}, "rakentaminen 1,90 s"),
        ("T112.no-privacy-notice", "sv", {"lang": "sv", "name": "x", "url": "/"}, "registerfilen"),
        ("V.where_more", "fi", {"pages": "a", "more": 2, "states": "s"}, "a ja 2 muulla sivulla"),
        ("R101.unclosed.breaks_off", "fi", {"line": 3, "col": 4}, "rivillä 3, sarakkeessa 4"),
        ("T.kind.tag-manager", "fi", {}, "tagienhallintatyökalu"),
        ("cli.help.any.strict", "fi", {}, "Paluukoodi 1 myös varoituksista"),
        ("R109.summary.remove", "en", {"lang": "sv", "line": 1}, "from `languages:` (line 1)"),
    ],
)
def test_review_items_in_place(key: str, lang: str, fields: dict, expected: str) -> None:
    assert expected in messages.msg_in(lang, key, **fields)
