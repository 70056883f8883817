"""Work every build does before its pages, made cheaper without changing its answers
(issue #9): the package digest of the build cache key, the scanner's URL patterns."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from seloste import buildcache


def _walked_digest(package: Path) -> str:
    """``package_digest`` as it was written first (os.walk, a stat and a relpath a file)."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".pyc"):
                continue
            info = os.stat(os.path.join(folder, name))
            rel = os.path.relpath(os.path.join(folder, name), package)
            digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _scanned_digest(package: Path) -> str:
    digest = hashlib.sha256()
    buildcache._digest_folder(str(package), "", digest)
    return digest.hexdigest()


def test_the_package_digest_is_the_one_os_walk_gave():
    assert buildcache.package_digest() == _walked_digest(buildcache.PACKAGE)


def test_the_package_digest_walks_as_os_walk_did(tmp_path):
    root = tmp_path / "pkg"
    for rel in ("b.py", "a.yaml", "z/__init__.py", "z/y/data.json", "a/x.py", "__pycache__/m.pyc"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel, encoding="utf-8")
    (root / "a" / "x.cpython-311.pyc").write_bytes(b"\0")
    (root / "a" / "__pycache__").mkdir()
    (root / "a" / "__pycache__" / "x.txt").write_text("left out", encoding="utf-8")
    os.symlink(root / "z", root / "linked")  # a link to a folder: neither walked nor hashed
    assert _scanned_digest(root) == _walked_digest(root)
    (root / "z" / "y" / "data.json").write_text("changed!", encoding="utf-8")
    assert _scanned_digest(root) == _walked_digest(root)


def _url_patterns():
    from seloste.scan.signatures import _CompiledUrl, builtin_signatures

    sigs = builtin_signatures()
    for patterns in sigs._by_domain.values():
        yield from patterns
    # and shapes the catalogue may not have
    from seloste.scan.signatures import UrlPattern

    for host in ("a.b", "x-1.example.fi", "com", "Upper.Example", "ä.fi"):
        yield _CompiledUrl("custom", UrlPattern(host))


PREFIXES = ("", "www.", "a-b.c9.", ".", "a..", "_x.", "ä.", "Www.", "x?y.", "x/y.", "a b.", "-.")
RESTS = ("", "/", "/path?x=1", "?q", "#f", "\n", ":8080/", "x", ".evil.com/", "/\n")


def test_a_domain_pattern_answers_as_its_regex_without_compiling_it():
    """``_CompiledUrl.matches`` gives ``regex.match(host + rest)``'s answer for every
    built-in pattern, on hosts with and without the characters of DNS names."""
    for compiled in _url_patterns():
        key = compiled.pattern.host
        hosts = [p + key for p in PREFIXES] + [key.upper(), "x" + key, key + ".x"]
        for host in hosts:
            for rest in RESTS:
                fresh = type(compiled)(compiled.service, compiled.pattern)
                expected = compiled.regex.match(host + rest) is not None
                assert fresh.matches(host, rest) == expected, (key, host, rest)
                ordinary = host.startswith(("www.", key)) and rest in ("", "/path?x=1")
                if ordinary and key.isascii() and compiled.pattern.path is None:
                    assert fresh._regex is None, (key, host, rest)  # answered without it


def test_match_url_finds_what_it_found_with_regexes(monkeypatch):
    from seloste.scan import signatures

    sigs = signatures.builtin_signatures()
    cases = [
        (p + key, rest)
        for key in list(sigs._by_domain)[:60]
        for p in PREFIXES[:6]
        for rest in RESTS[:6]
    ]
    now = [sigs.match_url(host, rest) for host, rest in cases]
    monkeypatch.setattr(
        signatures._CompiledUrl,
        "matches",
        lambda self, host, rest: self.regex.match(host + rest) is not None,
    )
    assert [sigs.match_url(host, rest) for host, rest in cases] == now
    assert any(now)
