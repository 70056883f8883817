"""Visiting pages in headless Chromium and recording what each visitor state causes.

One visit = a fresh browser profile (no cookies, no storage), one page, one visitor
state: ``no-choice`` (the banner is left alone), ``rejected`` (its Reject button),
``accepted:<key>`` (only that category ticked, then saved) or ``accepted:*``.
Every request to a host other than the local server is recorded; offline (the
default) it is answered here with an empty response, or with a stub script when
``stubs`` names its host, so nothing leaves the machine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..codes import finding
from ..fields_repr import FieldsRepr
from ..findings import SelosteError
from ..messages import msg

#: Debian's chromium first; never a browser Playwright downloads.
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
NO_CHOICE = "no-choice"
REJECTED = "rejected"
ACCEPTED = "accepted"

#: Chooses in the consent banner (Material's, or Seloste's own, which stores the choice the
#: same way): reject with its reset button; accept with only the given keys ticked.
_CHOOSE_JS = """
(args) => {
  const form = document.querySelector('form[name=consent]')
    || document.querySelector('[data-seloste-consent] form, .seloste-consent form');
  if (!form) return false;
  window.__seloste_before_choice = true;
  if (args.reject) {
    const button = form.querySelector('button[type=reset]');
    if (button) button.click(); else form.reset();
    return true;
  }
  for (const box of form.querySelectorAll('input[type=checkbox][name]')) {
    box.checked = args.accept.includes('*') || args.accept.includes(box.name);
  }
  const settings = document.getElementById('__settings');
  if (settings) settings.checked = true;  // Material saves the ticks when settings are open
  const button = form.querySelector('button:not([type=reset])');
  if (button) button.click(); else form.requestSubmit();
  return true;
}
"""
_STORAGE_JS = """
() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})
"""


@dataclass(frozen=True, repr=False)
class Request(FieldsRepr):
    url: str
    host: str
    resource: str  # Playwright's resource type: script, image, xhr…


@dataclass(frozen=True, repr=False)
class Stored(FieldsRepr):
    name: str
    kind: str  # cookie, localStorage, sessionStorage
    domain: str = ""


@dataclass(repr=False)
class Visit(FieldsRepr):
    page: str
    state: str
    requests: list[Request] = field(default_factory=list)
    stored: list[Stored] = field(default_factory=list)
    #: False when the state could not be reached (no banner to choose in).
    chosen: bool = True
    #: Hosts whose responses had content (a stub, or the real one with --network): their
    #: scripts ran, so the cookies they set could be seen.
    served: set[str] = field(default_factory=set)
    seconds: float = 0.0


def find_chromium() -> str | None:
    """Debian's chromium, or the one ``SELOSTE_CHROMIUM`` names."""
    named = os.environ.get("SELOSTE_CHROMIUM")
    if named:
        return named if os.path.exists(named) else None
    for path in CHROMIUM_PATHS:
        if os.path.exists(path):
            return path
    return shutil.which("chromium")


def no_browser(problem: str) -> SelosteError:
    return SelosteError(
        [
            finding(
                "V100",
                msg("V100.no_browser", problem=problem),
                fix=msg("V100.no_browser.fix"),
                origin="input",
            )
        ]
    )


@contextmanager
def launch() -> Iterator[object]:
    """A headless Chromium (Playwright's Browser)."""
    path = find_chromium()
    if path is None:
        raise no_browser(msg("V100.no_chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise no_browser(msg("V100.no_playwright")) from None
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Exception as exc:  # Playwright's Error: a browser that does not start
            raise no_browser(
                msg("V100.did_not_start", path=path, reason=str(exc).splitlines()[0])
            ) from None
        try:
            yield browser
        finally:
            browser.close()


class Visitor:
    """Opens pages as visitors in a given state and records what happens."""

    def __init__(
        self,
        browser,
        base_url: str,
        *,
        network: bool = False,
        stubs: Mapping[str, str] | None = None,
        settle_ms: int = 1500,
    ):
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.local_host = urlsplit(base_url).hostname or "127.0.0.1"
        self.network = network
        self.stubs = dict(stubs or {})
        self.settle_ms = settle_ms

    def visit(self, page: str, state: str) -> Visit:
        import time

        started = time.perf_counter()
        record = Visit(page, state)
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            context.route("**/*", lambda route: self._route(route, record))
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            tab.goto(f"{self.base_url}/{page}", wait_until="load")
            if state != NO_CHOICE:
                record.chosen = self._choose(tab, state)
                if record.chosen:
                    record.requests.clear()  # what counts is what the choice leads to
                    # (a banner that applies the choice without reloading times out here)
                    with suppress(Exception):
                        tab.wait_for_function(
                            "() => !window.__seloste_before_choice", polling=50, timeout=5000
                        )
                    tab.wait_for_load_state("load")
            self._settle(tab)
            record.stored = self._stored(context, tab)
        finally:
            context.close()
        record.seconds = time.perf_counter() - started
        return record

    def _choose(self, tab, state: str) -> bool:
        with suppress(Exception):
            tab.wait_for_selector("form[name=consent]", state="attached", timeout=3000)
        if state == REJECTED:
            args = {"reject": True, "accept": []}
        else:
            args = {"reject": False, "accept": [state.partition(":")[2] or "*"]}
        return bool(tab.evaluate(_CHOOSE_JS, args))

    def _settle(self, tab) -> None:
        """Let late scripts (tag managers injecting tags) run: network idle, bounded."""
        with suppress(Exception):
            tab.wait_for_load_state("networkidle", timeout=self.settle_ms * 4)
        tab.wait_for_timeout(self.settle_ms // 3)

    def _route(self, route, record: Visit) -> None:
        request = route.request
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or host == self.local_host:
            route.continue_()
            return
        record.requests.append(Request(request.url, host, request.resource_type))
        stub = self._stub(host, parts.path)
        if stub is not None:
            record.served.add(host)
            route.fulfill(status=200, content_type="application/javascript", body=stub)
        elif self.network:
            record.served.add(host)
            route.continue_()
        else:
            route.fulfill(status=200, content_type=_empty_type(request.resource_type), body="")

    def _stub(self, host: str, path: str) -> str | None:
        best = None
        for key, body in self.stubs.items():
            stub_host, _, stub_path = key.partition("/")
            matches = host == stub_host and path.startswith("/" + stub_path)
            if matches and (best is None or len(key) > len(best[0])):
                best = (key, body)
        return best[1] if best else None

    def _stored(self, context, tab) -> list[Stored]:
        out = [Stored(c["name"], "cookie", c.get("domain", "")) for c in context.cookies()]
        try:
            keys = tab.evaluate(_STORAGE_JS)
        except Exception:  # a page that navigated away at the last moment
            keys = {"local": [], "session": []}
        out += [Stored(k, "localStorage") for k in keys["local"]]
        out += [Stored(k, "sessionStorage") for k in keys["session"]]
        return out


def _empty_type(resource: str) -> str:
    return {
        "script": "application/javascript",
        "stylesheet": "text/css",
        "document": "text/html",
    }.get(resource, "text/plain")
