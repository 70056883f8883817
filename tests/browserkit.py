"""Shared pieces of the browser tests: Debian's chromium through Playwright, a local
server for a built site, and a visitor whose every request is recorded (everything
not on 127.0.0.1 is aborted: the network is offline, so attempts are what count).

Import ``sync_api`` from here only after ``require_browser()`` (module level). The
fixtures ``browser``, ``base_url`` (serves the module's ``site`` fixture) and ``visit`` are
there for every test module (tests/conftest.py loads this module as a pytest plugin).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from conftest import HOTJAR_SNIPPET
from seloste.verify.browser import CHROMIUM_ARGS  # one set of flags for verify and the tests
from seloste.verify.server import serve as serve  # the site served as `seloste verify` serves it

CHROMIUM = "/usr/bin/chromium"

#: Hotjar's tracking code as Hotjar gives it (site id made up): a loader that adds its script.
HOTJAR = HOTJAR_SNIPPET


def require_browser():
    """Skip the calling test module without chromium (never in CI); return playwright's sync_api."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("SELOSTE_REQUIRE_BROWSER"):
            raise RuntimeError(f"{CHROMIUM} is missing but SELOSTE_REQUIRE_BROWSER is set")
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
            allow_module_level=True,
        )
    return pytest.importorskip("playwright.sync_api")


@contextlib.contextmanager
def chromium(sync_api) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per test module."""
    with chromium(require_browser()) as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(site):
    """The module's built ``site`` (a fixture each module defines), served on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def visitor_class():
    """The visitor ``visit`` makes; a module overrides this for a subclass of its own."""
    return Visitor


@pytest.fixture
def visit(browser, base_url, visitor_class):
    """A fresh visitor (its own browser profile) on the served site."""
    v = visitor_class(browser, base_url)
    yield v
    v.close()


class Visitor:
    """A fresh browser profile with every request recorded."""

    def __init__(self, browser, base_url: str, *, width: int = 1280, height: int = 900):
        self.base_url = base_url
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, reduced_motion="reduce"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    def open(self, path: str) -> None:
        self.requests.clear()
        self.page.goto(self.base_url + path, wait_until="load")

    def external(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname != "127.0.0.1"]

    def storage(self) -> dict[str, object]:
        raw = self.page.evaluate("() => Object.assign({}, localStorage)")
        return {key: json.loads(value) for key, value in raw.items()}

    def stored(self, name: str) -> object:
        """A stored value by its name, whatever the scope prefix ("/.__consent")."""
        for key, value in self.storage().items():
            if key.endswith("." + name):
                return value
        return None

    def set_stored(self, name: str, value: object) -> None:
        self.page.evaluate(
            "([k, v]) => localStorage.setItem('/.' + k, JSON.stringify(v))", [name, value]
        )

    def reload_after(self, action) -> None:
        """Run ``action`` (a click that stores a choice and reloads) and wait for the new page."""
        self.page.evaluate("() => { window.__before_choice = true; }")
        action()
        self.page.wait_for_function("() => !window.__before_choice", polling=50)
        self.page.wait_for_load_state("load")

    def consent_calls(self) -> list[list]:
        """Google Consent Mode commands pushed to dataLayer, in order (as plain lists)."""
        return self.page.evaluate(
            """() => (window.dataLayer || []).map(e => Array.from(e))
                .filter(a => a[0] === 'consent')"""
        )

    def data_layer_commands(self) -> list[str]:
        """The first two items of every dataLayer entry ("consent default", "js", "config"…)."""
        return self.page.evaluate(
            """() => (window.dataLayer || []).map(e => {
                const a = Array.from(e);
                return typeof a[1] === 'string' ? a[0] + ' ' + a[1] : String(a[0]);
            })"""
        )

    def readable(self, selector: str) -> bool:
        """The element, scrolled into view, is the topmost thing at its centre (not covered)."""
        return self.page.evaluate(
            """(sel) => {
                const el = document.querySelector(sel);
                if (!el) return false;
                el.scrollIntoView({block: 'center'});
                const r = el.getBoundingClientRect();
                const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return !!top && (top === el || el.contains(top));
            }""",
            selector,
        )

    def blurred(self) -> bool:
        """Anything on the page blurred by a backdrop filter (an overlay)?"""
        return self.page.evaluate(
            """() => Array.from(document.querySelectorAll('body *')).some(e => {
                const s = getComputedStyle(e);
                return s.display !== 'none' && s.visibility !== 'hidden' &&
                    e.getClientRects().length > 0 &&
                    (s.backdropFilter || 'none') !== 'none';
            })"""
        )

    def close(self) -> None:
        self.context.close()
