"""The demo site in a real browser: nothing is requested before consent or after
"reject", the declared trackers are requested after "accept", the banner speaks
the page's language, the cookie settings control reopens it, and a changed
cookie list asks again.

Headless Debian chromium driven by Playwright (never a downloaded browser),
against the demo built from the repository root and served on 127.0.0.1. Every
request is recorded and everything not on 127.0.0.1 is aborted: the network is
offline, so attempts are what count.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from browserkit import Visitor, require_browser
from conftest import ROOT, build_site, copy_demo

SCREENSHOT = ROOT / "docs" / "assets" / "cookie-page-fi.png"

#: What the demo's four declared services load once accepted (loader URLs).
TRACKER_REQUESTS = {
    "google-analytics": "www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ",
    "google-ads": "www.googletagmanager.com/gtag/js?id=AW-123456789",
    "meta-pixel": "connect.facebook.net/en_US/fbevents.js",
    "linkedin-insight": "snap.licdn.com/li.lms-analytics/insight.min.js",
}

pytestmark = pytest.mark.browser

require_browser()


# --- the site (once per module; the server and the browser: tests/browserkit.py) -----------


def _ensure_head_script(site: Path) -> bool:
    """Stopgap until the plugin inserts the consent script into <head> itself.

    The revision check must run before Material's analytics snippet; the plugin
    registers the script through extra_javascript (end of <body>) today. Pages the
    plugin already handles are left alone (the script has a data-revision there).
    """
    from seloste.consent import add_consent_script
    from seloste.registry.load import load_registry

    loaded = load_registry(site.parent / "data" / "registry.yaml", ["fi", "en"])
    patched = False
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-revision=" in html:
            continue
        rel = page.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "fi"
        page.write_text(add_consent_script(html, rel, loaded, lang), encoding="utf-8")
        patched = True
    return patched


PATCHED: list[bool] = []


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("browser-demo"))
    build = build_site(root)
    assert build.returncode == 0, build.output
    PATCHED.append(_ensure_head_script(build.site))
    return build.site


def test_the_plugin_puts_the_consent_script_before_materials_analytics(site):
    if PATCHED and PATCHED[-1]:
        pytest.xfail(
            "the plugin does not insert the consent script into <head> yet "
            "(seloste.consent.add_consent_script in on_post_page); the tests patched the pages"
        )
    page = (site / "index.html").read_text(encoding="utf-8")
    assert page.index("data-revision=") < page.index("__md_analytics")


class Visit(Visitor):
    """The shared visitor, plus Material's banner."""

    def banner(self):
        return self.page.locator("[data-md-component=consent] form[name=consent]")

    def wait_banner(self) -> None:
        self.banner().wait_for(state="visible", timeout=5000)

    def choose(self, button_text: str) -> None:
        """Click a banner button; Material stores the choice and reloads the page."""
        self.wait_banner()
        self.requests.clear()
        # Material clears the hash (a same-document navigation) before reloading:
        # wait for the new document itself, not for the first navigation event.
        buttons = self.page.locator("form[name=consent] .md-consent__controls")
        self.reload_after(lambda: buttons.get_by_text(button_text, exact=True).click())

    def settle(self, expected: list[str] | None = None, timeout: float = 5.0) -> None:
        """Wait until the ``expected`` requests appear, or give late scripts a moment."""
        if not expected:
            self.page.wait_for_timeout(300)
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(any(e in u for u in self.requests) for e in expected):
                return
            self.page.wait_for_timeout(100)


@pytest.fixture(scope="module")
def visitor_class():
    return Visit


def _necessary_storage_names() -> set[str]:
    from seloste.consent import effective_cookies
    from seloste.registry.load import load_registry

    loaded = load_registry(ROOT / "data" / "registry.yaml", ["fi", "en"])
    return {row.name for row in effective_cookies(loaded) if row.category == "necessary"}


def _storage_names(storage: dict[str, object]) -> set[str]:
    # Material scopes keys by the site's base path: "/.__consent".
    return {key.split(".", 1)[1] if "." in key else key for key in storage}


# --- (a) before any choice ------------------------------------------------------------------


def test_nothing_is_requested_or_stored_before_a_choice(visit):
    visit.open("/")
    visit.wait_banner()
    visit.settle()
    assert visit.external() == []
    assert visit.context.cookies() == []
    assert _storage_names(visit.storage()) <= _necessary_storage_names()
    # Planet49: the boxes exist (one per category the registry uses) and none is ticked.
    boxes = visit.page.locator("form[name=consent] input[type=checkbox][name]")
    names = sorted(boxes.nth(i).get_attribute("name") for i in range(boxes.count()))
    assert names == ["analytics", "marketing"]
    assert all(not boxes.nth(i).is_checked() for i in range(boxes.count()))


# --- (b) after reject -----------------------------------------------------------------------


def test_reject_keeps_every_tracker_away_also_after_reload(visit):
    visit.open("/")
    visit.choose("Hylkää")
    visit.settle()
    assert visit.external() == []
    assert not visit.banner().is_visible()
    stored = visit.storage()
    assert {k: v for k, v in stored.items() if k.endswith(".__consent")} == {"/.__consent": {}}

    visit.requests.clear()
    visit.page.reload(wait_until="load")
    visit.settle()
    assert visit.external() == []
    assert visit.context.cookies() == []
    assert not visit.banner().is_visible()


# --- (c) after accept -----------------------------------------------------------------------


def test_accept_loads_every_declared_tracker(visit):
    visit.open("/")
    visit.choose("Hyväksy")
    expected = list(TRACKER_REQUESTS.values())
    visit.settle(expected)
    missing = [s for s, u in TRACKER_REQUESTS.items() if not any(u in r for r in visit.requests)]
    assert missing == [], visit.external()
    assert visit.storage()["/.__consent"] == {"analytics": True, "marketing": True}


def test_manage_then_accept_saves_only_the_ticked_category(visit):
    visit.open("/")
    visit.wait_banner()
    # One name for the settings everywhere: Material's "Hallinnoi asetuksia" is renamed.
    manage = visit.page.locator("form[name=consent] label[for=__settings]")
    assert manage.inner_text().strip() == "Evästeasetukset"
    manage.click()
    visit.page.locator("form[name=consent] label", has_text="Tilastolliset evästeet").click()
    assert visit.page.locator("form[name=consent] input[name=analytics]").is_checked()
    # With the settings open the accept button saves the ticks and says so.
    visit.choose("Tallenna valinnat")
    visit.settle([TRACKER_REQUESTS["google-analytics"]])
    assert visit.storage()["/.__consent"] == {"analytics": True}
    external = visit.external()
    assert any(TRACKER_REQUESTS["google-analytics"] in u for u in external)
    for service in ("google-ads", "meta-pixel", "linkedin-insight"):
        assert not any(TRACKER_REQUESTS[service] in u for u in external), service


# --- (d) the banner in the page's language --------------------------------------------------


@pytest.mark.parametrize(
    ("path", "title", "buttons", "labels", "link"),
    [
        (
            "/",
            "Evästeet",
            ["Hyväksy", "Hylkää", "Evästeasetukset"],
            ["Tilastolliset evästeet", "Markkinointievästeet"],
            "/evasteet/",
        ),
        (
            "/en/",
            "Cookies",
            ["Accept", "Reject", "Cookie settings"],
            ["Statistics cookies", "Marketing cookies"],
            "/en/cookies/",
        ),
    ],
)
def test_banner_speaks_the_page_language(visit, path, title, buttons, labels, link):
    visit.open(path)
    visit.wait_banner()
    form = visit.page.locator("form[name=consent]")
    assert form.locator("h4").inner_text() == title
    controls = form.locator(".md-consent__controls")
    assert [t.strip() for t in controls.locator("button, label").all_inner_texts()] == buttons
    names = form.locator(".task-list label .seloste-consent__name").all_inner_texts()
    assert [t.strip() for t in names] == labels
    # relative to the page (issue #10: sites served from a subfolder), resolving to the notice
    first = form.locator("p a").first
    assert not first.get_attribute("href").startswith("/")
    assert first.evaluate("a => new URL(a.href).pathname") == link


# --- (e) the cookie settings control --------------------------------------------------------


def test_cookie_settings_control_reopens_the_banner(visit):
    visit.open("/evasteet/")
    visit.choose("Hylkää")
    assert not visit.banner().is_visible()
    # The artifact for the documentation: the cookie list as visitors see it.
    heading = visit.page.locator("h3", has_text="Tilastolliset evästeet")
    heading.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 80)")
    if os.environ.get("SELOSTE_SCREENSHOTS"):  # else every test run would change the docs
        visit.page.wait_for_timeout(300)  # let the header finish its scroll transition
        visit.page.screenshot(path=str(SCREENSHOT), animations="disabled", caret="hide")
    visit.page.locator("article a[href='#__consent']", has_text="Evästeasetukset").click()
    visit.wait_banner()
    assert visit.banner().is_visible()
    # Reopened, it shows the stored choice (nothing ticked) and can change it.
    visit.choose("Hyväksy")
    visit.settle(list(TRACKER_REQUESTS.values()))
    assert all(any(u in r for r in visit.requests) for u in TRACKER_REQUESTS.values())


def test_english_cookie_page_has_its_settings_control(visit):
    visit.open("/en/cookies/")
    visit.choose("Reject")
    visit.page.locator("article a[href='#__consent']", has_text="Cookie settings").click()
    visit.wait_banner()
    assert visit.banner().is_visible()


# --- the revision ---------------------------------------------------------------------------


def test_changed_cookie_list_asks_again_before_loading_anything(visit):
    visit.open("/")
    visit.choose("Hyväksy")
    visit.settle(list(TRACKER_REQUESTS.values()))
    revision = visit.storage()["/.__seloste_revision"]
    assert isinstance(revision, str) and len(revision) == 8
    # The visitor accepted under an older cookie list.
    visit.page.evaluate("() => localStorage.setItem('/.__seloste_revision', '\"00000000\"')")
    visit.requests.clear()
    visit.page.reload(wait_until="load")
    visit.wait_banner()
    visit.settle()
    assert visit.external() == []
    stored = visit.storage()
    assert "/.__consent" not in stored
    assert stored["/.__seloste_revision"] == revision


def test_same_cookie_list_does_not_ask_again(visit):
    visit.open("/")
    visit.choose("Hylkää")
    visit.page.reload(wait_until="load")
    visit.page.wait_for_timeout(600)  # Material shows the banner after 250 ms
    assert not visit.banner().is_visible()


# --- withdrawal -----------------------------------------------------------------------------


def test_withdrawing_consent_deletes_the_trackers_first_party_cookies(visit):
    visit.open("/evasteet/")
    visit.choose("Hyväksy")
    # What GA and Meta would have left behind (the network is offline here).
    visit.page.evaluate(
        """() => {
            document.cookie = "_ga=GA1.1.1.1; path=/";
            document.cookie = "_ga_7QK2LMN3PZ=GS1.1.1; path=/";
            document.cookie = "_fbp=fb.1.1.1; path=/";
            document.cookie = "unrelated=1; path=/";
        }"""
    )
    visit.page.reload(wait_until="load")
    assert {c["name"] for c in visit.context.cookies()} >= {"_ga", "_ga_7QK2LMN3PZ", "_fbp"}
    visit.page.locator("article a[href='#__consent']", has_text="Evästeasetukset").click()
    visit.choose("Hylkää")
    assert {c["name"] for c in visit.context.cookies()} == {"unrelated"}


# --- screenshots for the docs (SELOSTE_SCREENSHOTS=1 rewrites them) --------------------------


@pytest.mark.parametrize(("path", "lang"), [("/", "fi"), ("/en/", "en")])
def test_banner_screenshot_for_the_docs(visit, path, lang):
    visit.open(path)
    visit.wait_banner()
    visit.page.wait_for_timeout(600)  # Material's slide-in animation
    assert visit.banner().is_visible()
    if os.environ.get("SELOSTE_SCREENSHOTS"):
        target = ROOT / "docs" / "assets" / f"consent-banner-{lang}.png"
        visit.page.screenshot(path=str(target), animations="disabled", caret="hide")


@pytest.mark.parametrize(
    ("path", "reject", "heading", "name"),
    [
        ("/tietosuojaseloste/", "Hylkää", "Rekisterinpitäjä ja yhteystiedot", "privacy-page-fi"),
        ("/en/privacy/", "Reject", "Controller and contact details", "privacy-page-en"),
        ("/en/cookies/", "Reject", "Statistics cookies", "cookie-page-en"),
    ],
)
def test_notice_screenshot_for_the_docs(visit, path, reject, heading, name):
    """The notices as a visitor reads them once the banner is answered, in fi and en."""
    visit.open(path)
    visit.choose(reject)
    assert not visit.banner().is_visible()
    target = visit.page.locator("article :is(h2, h3)", has_text=heading).first
    target.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 80)")
    visit.page.wait_for_timeout(300)  # the header's scroll transition
    # What the picture shows is what a visitor gets: the heading, not covered by anything.
    assert visit.page.evaluate(
        """(e) => { const r = e.getBoundingClientRect();
                    const top = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
                    return r.top >= 0 && !!top && (top === e || e.contains(top)); }""",
        target.element_handle(),
    )
    if os.environ.get("SELOSTE_SCREENSHOTS"):
        shot = ROOT / "docs" / "assets" / f"{name}.png"
        visit.page.screenshot(path=str(shot), animations="disabled", caret="hide")


# --- issue #11 with Material: notices readable, settings link, Consent Mode, expiry, receipt ---


@pytest.mark.parametrize(
    "path", ["/tietosuojaseloste/", "/evasteet/", "/en/privacy/", "/en/cookies/"]
)
def test_material_notices_can_be_read_before_a_choice(visit, path):
    visit.open(path)
    visit.wait_banner()
    visit.page.wait_for_timeout(600)  # the banner's slide-in
    overlay = visit.page.locator(".md-consent__overlay")
    assert not overlay.is_visible()  # no dimming, no blur
    assert visit.readable("article h1")
    assert visit.readable("article > :last-child")  # the notice's last words too
    assert visit.external() == []


def test_material_other_pages_keep_the_overlay(visit):
    visit.open("/")
    visit.wait_banner()
    assert visit.page.locator(".md-consent__overlay").is_visible()


@pytest.mark.parametrize(
    ("path", "name"), [("/setup/", "Evästeasetukset"), ("/en/setup/", "Cookie settings")]
)
def test_material_footer_settings_link_reopens_with_the_current_choice(visit, path, name):
    visit.open(path)
    visit.wait_banner()
    visit.page.locator("form[name=consent] label[for=__settings]").click()
    visit.page.locator("form[name=consent] label:has(input[name=analytics]) strong").click()
    visit.choose("Tallenna valinnat" if name == "Evästeasetukset" else "Save choices")
    assert not visit.banner().is_visible()
    link = visit.page.locator("footer [data-seloste-settings]")
    assert link.inner_text() == name
    link.click()
    visit.wait_banner()
    assert visit.page.locator("form[name=consent] input[name=analytics]").is_checked()
    assert not visit.page.locator("form[name=consent] input[name=marketing]").is_checked()


def test_material_consent_mode_default_then_update_before_analytics(visit):
    visit.open("/")
    visit.wait_banner()
    calls = visit.consent_calls()
    assert [c[1] for c in calls] == ["default"]
    assert {
        calls[0][2][k]
        for k in ("ad_storage", "ad_user_data", "ad_personalization", "analytics_storage")
    } == {"denied"}
    assert visit.data_layer_commands() == ["consent default"]  # Material's analytics waits
    visit.choose("Hyväksy")
    visit.page.wait_for_function("() => (window.dataLayer || []).some(e => e[0] === 'config')")
    commands = visit.data_layer_commands()
    assert commands[:2] == ["consent default", "consent update"]
    assert commands.index("consent update") < commands.index("js")
    update = visit.consent_calls()[1][2]
    assert {
        update[k] for k in ("ad_storage", "ad_user_data", "ad_personalization", "analytics_storage")
    } == {"granted"}


def test_material_choice_expires(visit):
    import datetime as dt

    visit.open("/")
    visit.choose("Hylkää")
    receipt = visit.storage()["/.__seloste_receipt"]
    assert receipt["consent"] == {}
    old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)).isoformat()
    visit.page.evaluate(
        "r => localStorage.setItem('/.__seloste_receipt', JSON.stringify(r))",
        {**receipt, "date": old},
    )
    visit.page.reload(wait_until="load")
    visit.wait_banner()
    assert "/.__consent" not in visit.storage()


def test_material_cookie_notice_shows_the_receipt(visit):
    visit.open("/en/cookies/")
    receipt = visit.page.locator("[data-seloste-receipt]")
    assert receipt.inner_text().startswith("You have not made a choice")
    visit.choose("Reject")
    text = receipt.inner_text()
    revision = visit.storage()["/.__seloste_revision"]
    assert text.startswith("You refused statistics cookies and marketing cookies on ")
    assert f"(list version {revision})" in text
    receipt.get_by_role("link", name="Change your choice").click()
    visit.wait_banner()
