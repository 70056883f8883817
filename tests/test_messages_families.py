"""Scan (S), importer (I), generator (G) and browser (V) messages in Finnish, end to end.

Each family's findings and fixes reach a Finnish user in Finnish through the command line
(`--messages fi`), with the code and the path exactly as in English; the scan report, the
import report and the plugin-free commands' lines are Finnish too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL_REGISTRY, ROOT

HEADLINE = re.compile(r"^(\S+: [A-Z]\d{3}) ", re.M)


def _run(*args: str, cwd: Path | None = None) -> tuple[str, str, int]:
    """Finnish and English output of the same command: (fi, en, exit code)."""
    out = {}
    codes = set()
    for lang in ("fi", "en"):
        run = subprocess.run(
            [sys.executable, "-m", "seloste", "--messages", lang, *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            check=False,
        )
        out[lang] = run.stdout + run.stderr
        codes.add(run.returncode)
    assert len(codes) == 1, out
    assert HEADLINE.findall(out["fi"]) == HEADLINE.findall(out["en"]), out
    return out["fi"], out["en"], codes.pop()


def test_scan_findings_and_report_in_finnish(tmp_path: Path) -> None:
    finnish, english, code = _run("scan", str(tmp_path / "puuttuu"))
    assert code == 2
    assert "S102 ei ole kansio" in finnish
    assert "korjaus: rakenna sivusto ensin (mkdocs build)" in finnish
    assert "S102 not a directory" in english

    signatures = tmp_path / "omat.yaml"
    signatures.write_text("my-widget:\n  lodaers: [widget.example.com]\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><head><script src="https://static.hotjar.com/c/hotjar-1.js"></script>'
        '<script src="https://cdn.example.net/x.js"></script></head></html>',
        encoding="utf-8",
    )
    finnish, english, code = _run("scan", str(site), "--signatures", str(signatures))
    assert code == 2
    assert "S101 tuntematon avain 'lodaers' kohdassa 'my-widget'" in finnish
    assert "korjaus: käytä vain näitä: name, loaders" in finnish

    finnish, english, code = _run("scan", str(site))
    assert code == 0
    assert "Tuntemattomat kolmansien osapuolten palvelimet" in finnish
    assert "EI suostumuksen takana" in finnish
    assert re.search(r"Tutkittu 1 tiedosto \([\d,]+ Mt\): 1 palvelu, 1 tuntematon", finnish)
    assert re.search(r"Scanned 1 file \([\d.]+ MB\): 1 service, 1 unknown", english)


def test_import_findings_and_report_in_finnish(tmp_path: Path) -> None:
    finnish, english, code = _run("import", str(tmp_path / "puuttuu.txt"), cwd=tmp_path)
    assert code == 2
    assert "I101 selostetiedostoa ei löydy" in finnish and "korjaus: tarkista polku" in finnish
    empty = tmp_path / "tyhja.txt"
    empty.write_text("  \n", encoding="utf-8")
    finnish, _, code = _run("import", str(empty), "-o", str(tmp_path / "out.yaml"))
    assert code == 2 and "I102 selostetiedosto on tyhjä" in finnish

    seed = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))[0]
    run = subprocess.run(
        [sys.executable, "-m", "seloste", "--messages", "fi", "import", str(seed)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert "data/registry.yaml: luonnos kirjoitettu tiedostosta" in run.stdout
    assert "Seuraavaksi: lue TODO-kommentit tiedostosta data/registry.yaml" in run.stdout
    assert "Tuontiraportti: täytettyjä kenttiä" in run.stdout
    assert "Import report" not in run.stdout
    draft = (tmp_path / "data" / "registry.yaml").read_text(encoding="utf-8")
    assert draft.startswith("# Rekisteritiedoston luonnos, jonka `seloste import` teki")


def test_generator_findings_and_output_in_finnish(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(MINIMAL_REGISTRY, encoding="utf-8")
    finnish, english, code = _run(
        "render", "-r", str(registry), "--generator", "hugo", "--layout", "plain",
        "-o", str(tmp_path / "content"),
    )  # fmt: skip
    assert code == 2
    assert "G101 Hugo ei käytä sivujen sijoittelua 'plain'" in finnish
    assert "korjaus: käytä valitsinta --layout suffix tai folder" in finnish
    assert "use --layout suffix or folder" in english

    finnish, _, code = _run("inject", str(tmp_path / "puuttuu"), "-r", str(registry))
    assert code == 2
    assert "G103 seloste inject ei kirjoita tähän: tämä ei ole kansio" in finnish

    out = tmp_path / "sivut"
    run = subprocess.run(
        [sys.executable, "-m", "seloste", "--messages", "fi", "render", "-r", str(registry),
         "-o", str(out), "--lang", "fi"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert re.search(r"\S+: tietosuojaseloste \(fi\)", run.stdout), run.stdout


def test_verify_findings_in_finnish(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(MINIMAL_REGISTRY, encoding="utf-8")
    finnish, english, code = _run("verify", str(tmp_path / "puuttuu"), "-r", str(registry))
    assert code == 2
    assert "V100 sivustoa ei voi tarkistaa: tämä ei ole kansio" in finnish
    assert "korjaus: rakenna sivusto ensin (esimerkiksi `mkdocs build`)" in finnish
    finnish, _, code = _run(
        "verify", str(tmp_path), "-r", str(registry), "--stub", "ilman-tiedostoa"
    )
    assert code == 2 and "V100 --stub 'ilman-tiedostoa' ei ole muotoa HOST[/PATH]=FILE" in finnish


def test_visitor_states_and_kinds_in_finnish() -> None:
    from seloste import messages
    from seloste.verify.compare import kind_label, state_label

    messages.use("fi")
    try:
        assert state_label("no-choice") != state_label("rejected")
        assert {state_label(s) for s in ("accepted:analytics", "accepted:*")} == {
            "kun vain 'analytics' on hyväksytty",
            "kun kaikki on hyväksytty",
        }
        assert kind_label("cookie") == "eväste"
    finally:
        messages.use("en")


def test_generator_hints_in_finnish_keep_their_code() -> None:
    """The hints the audit puts in its fixes (T112–T115, T101, T108) speak Finnish, and the
    template code in them (Hugo's `{{ … }}`, Jekyll's Liquid) is left exactly as it is."""
    from seloste import messages
    from seloste.generators import hints

    english = hints.footer_hint("hugo")
    messages.use("fi")
    try:
        finnish = hints.footer_hint("hugo")
        assert finnish.startswith("aja `seloste inject public/` komennon `hugo` jälkeen")
        assert "linkitä ne teeman alatunnisteeseen" in finnish
        assert hints.render_hint("jekyll").startswith("aja `seloste render --generator jekyll")
        assert "tarjoile fontit itse" in (hints.fonts_hint("hugo") or "")
        analytics = hints.theme_analytics_hint("jekyll", "statistics") or ""
        assert 'data-category="statistics"' in analytics and "poista" in analytics
    finally:
        messages.use("en")
    code = '`{{ with site.GetPage "/tietosuojaseloste" }}<a href="{{ .RelPermalink }}">'
    assert code in english and code in finnish
    assert english.startswith("run `seloste inject public/` after `hugo` (it adds the links), or")
