"""The signature database and user signature files."""

from __future__ import annotations

import re

import pytest

from seloste import catalog
from seloste.findings import SelosteError
from seloste.scan import (
    Scanner,
    builtin_signatures,
    load_signatures,
    parse_signatures,
    scanner_for,
)
from seloste.scan.signatures import UrlPattern


def test_builtin_signatures_cover_the_catalogue_and_compile():
    sigs = builtin_signatures()
    assert set(sigs.services) == set(catalog.services())
    for sig in sigs.by_service.values():
        assert sig.loaders or sig.pixels or sig.markers, sig.service
        for regex in sig.ids:
            assert re.compile(regex).groups == 1, (sig.service, regex)
        assert sig.name, sig.service


@pytest.mark.parametrize(
    "pattern, url, expected",
    [
        (
            UrlPattern("googletagmanager.com", "/gtm\\.js"),
            "www.googletagmanager.com/gtm.js?id=1",
            True,
        ),
        (
            UrlPattern("googletagmanager.com", "/gtm\\.js"),
            "googletagmanager.com.evil.example/gtm.js",
            False,
        ),
        (UrlPattern("googletagmanager.com", "/gtm\\.js"), "notgoogletagmanager.com/gtm.js", False),
        (UrlPattern("google.*", "/maps/embed"), "www.google.co.uk/maps/embed?pb=1", True),
        (UrlPattern("google.*", "/maps/embed"), "www.google.fi/search", False),
        (UrlPattern("fonts.gstatic.com"), "fonts.gstatic.com/s/roboto.woff2", True),
        (UrlPattern("fonts.gstatic.com"), "fonts.gstatic.community/x", False),
        (UrlPattern("*", "/(.*/)?matomo\\.js"), "stats.kespet.fi/m/matomo.js", True),
    ],
)
def test_url_patterns(pattern, url, expected):
    assert bool(pattern.compile().match(url)) is expected


def test_user_signature_extends_a_known_service():
    extra = parse_signatures(
        "hotjar:\n  loaders:\n    - {host: hj.kespet.fi, path: '/proxy/'}\n", "omat.yaml"
    )
    sigs = builtin_signatures().extended(extra)
    assert sigs.match_url("hj.kespet.fi", "/proxy/hotjar.js") == ["hotjar"]
    assert sigs.match_url("static.hotjar.com", "/c/hotjar-1.js") == ["hotjar"]


def test_registry_custom_service_hosts_and_first_party_hosts():
    class Svc:
        def __init__(self, id, hosts):
            self.id, self.hosts = id, hosts

    class Reg:
        first_party_hosts = ["cdn.kespet.fi"]
        services = [Svc("chat-widget", ["widget.example"]), Svc("google-analytics", [])]

    scanner = scanner_for(Reg(), allow_hosts=["assets.example"])
    html = (
        '<script src="https://eu.widget.example/w.js"></script>'
        '<img src="https://cdn.kespet.fi/a.png"><img src="https://assets.example/b.png">'
    )
    result = scanner.scan_html("x.html", html)
    assert [d.service for d in result.detections] == ["chat-widget"]
    assert result.unknown_hosts == []


BAD = [
    ("- just a list\n", 1, "a signature file is a mapping"),
    ("Chat Widget:\n  loaders: [x.example]\n", 1, "is not a service id"),
    ("chat:\n  loaders:\n    - {host: x.example}\n  colour: red\n", 4, "unknown key 'colour'"),
    ("chat:\n  loaders:\n    - {host: x.example, path: 'js/'}\n", 3, "must start with '/'"),
    ("chat:\n  markers:\n    - 'init\\('\n    - 'init('\n", 4, "not a valid regular expression"),
    ("chat:\n  loaders: [x.example]\n  ids:\n    - 'id=\\d+'\n", 4, "exactly one (capture group)"),
    ("chat:\n  name: Chat\n", 1, "nothing to look for"),
    ("chat:\n  loaders: [x.example]\nchat:\n  loaders: [y.example]\n", 3, "duplicate key"),
    ("chat:\n  loaders: [x.example\n", 2, "YAML syntax error"),
]


@pytest.mark.parametrize("text, line, message", BAD, ids=[b[2] for b in BAD])
def test_bad_user_signatures_name_the_line(text, line, message):
    with pytest.raises(SelosteError) as info:
        parse_signatures(text, "omat.yaml")
    [finding] = info.value.findings
    assert finding.path == "omat.yaml" and finding.line == line
    assert message in finding.message
    assert finding.fix


def test_missing_signature_file(tmp_path):
    with pytest.raises(SelosteError) as info:
        load_signatures([tmp_path / "nope.yaml"])
    assert info.value.findings[0].code == "S100"


def test_user_file_loaded_from_disk_is_used(tmp_path):
    path = tmp_path / "omat.yaml"
    path.write_text("chat:\n  loaders: [x.example]\n")
    scanner = Scanner(load_signatures([path]))
    [d] = scanner.scan_html("a.html", '<script src="//x.example/a.js"></script>').detections
    assert d.service == "chat"


@pytest.mark.parametrize(
    "pattern, needle",
    [
        ("\\bfbq\\(\\s*[\"']init[\"']", "fbq("),
        ("\\b_hjSettings\\s*=\\s*\\{\\s*hjid\\s*:", "_hjSettings"),
        ("(?i)mywidget\\.init", None),  # case-insensitive: no substring is certain
        ("(a|b)c", None),  # too short to be worth it
        ("(?:widget|gadget)Loader\\.boot\\(", "Loader.boot("),
    ],
)
def test_required_literal_is_a_substring_of_every_match(pattern, needle):
    from seloste.scan.signatures import required_literal

    assert required_literal(pattern) == needle


def test_case_insensitive_user_marker_still_matches(tmp_path):
    path = tmp_path / "omat.yaml"
    path.write_text("chat:\n  markers:\n    - '(?i)chatwidget\\.boot\\('\n")
    scanner = Scanner(load_signatures([path]))
    [d] = scanner.scan_html("a.html", "<script>\nChatWidget.Boot({});</script>").detections
    assert (d.service, d.line) == ("chat", 2)
