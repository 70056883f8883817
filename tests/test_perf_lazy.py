"""What a build does not load until it needs it (issue #9): the plugin's import leaves the
scan report and the JUnit writer alone, and a message is read from its own catalogue file,
not from all of them. Module and file counts, never timings (those are in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys

from seloste import messages


def _fresh(code: str) -> object:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_plugin_import_leaves_report_writers_and_scanner_alone() -> None:
    loaded = _fresh(
        "import json, sys, seloste.mkdocs_plugin\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('seloste.'))))"
    )
    assert isinstance(loaded, list)
    for module in ("seloste.report.junit", "seloste.report.scan", "seloste.scan.scanner"):
        assert module not in loaded
    assert "seloste.report.findings" in loaded  # what the plugin prints findings with


def test_report_names_still_import() -> None:
    from seloste import report
    from seloste.report import FORMATS, format_findings, format_scan, summary, summary_line

    assert FORMATS and callable(format_findings) and callable(format_scan)
    assert callable(summary) and callable(summary_line)
    assert set(report.__all__) == {
        "FORMATS",
        "format_findings",
        "format_scan",
        "summary",
        "summary_line",
    }


def test_a_message_reads_only_its_own_catalogue_file() -> None:
    read = _fresh(
        "import json\n"
        "from seloste import messages, yamldata\n"
        "messages.msg_in('en', 'plugin.fatal', count=1, codes='T101')\n"
        "print(json.dumps(len(yamldata._FILES)))"
    )
    assert read == 1


def test_every_key_is_found_in_its_family_file() -> None:
    """The family lookup gives every key the catalogue's own templates (a key that broke
    the naming would still be found, through the whole catalogue, but slower)."""
    for key, templates in messages.catalogue().items():
        first = key.split(".", 1)[0]
        name = first if first in messages._NAMED_FILES else key[:1]
        assert messages.family(name).get(key) == templates, key
        assert messages._templates(key) == templates


def test_a_key_outside_the_naming_is_still_found(monkeypatch) -> None:
    monkeypatch.setattr(messages, "family", lambda name: {})
    assert messages._templates("plugin.fatal") == messages.catalogue()["plugin.fatal"]
