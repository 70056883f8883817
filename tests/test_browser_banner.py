"""Seloste's own consent banner in a real browser, on a site with MkDocs' own
``mkdocs`` theme (no Material), in Finnish and English (mkdocs-static-i18n):
shown before a choice, never covering the notices, the settings link on every
page reopening it with the current choices, Google Consent Mode v2 signals in
the right order, expiry, the consent receipt, keyboard and mobile use.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from browserkit import Visitor, require_browser, serve
from conftest import MINIMAL_REGISTRY, ROOT, build_site, write_site

require_browser()
pytestmark = pytest.mark.browser

GA = "www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"
ADS = "www.googletagmanager.com/gtag/js?id=AW-123456789"

REGISTRY = MINIMAL_REGISTRY + textwrap.dedent(
    """\
    services:
      - id: google-analytics
        ids: [G-7QK2LMN3PZ]
      - id: google-ads
        ids: [AW-123456789]
    """
)

#: A page with Google's snippets, gated the way docs/*/consent.md tells.
TAGS = """\
<script type="text/plain" data-category="statistics" async
        data-src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>
<script type="text/plain" data-category="statistics">
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-7QK2LMN3PZ');
</script>
<script type="text/plain" data-category="marketing" async
        data-src="https://www.googletagmanager.com/gtag/js?id=AW-123456789"></script>
<script type="text/plain" data-category="marketing">
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('config', 'AW-123456789');
</script>
"""

MKDOCS_YML = """\
site_name: Testi
theme:
  name: mkdocs
  highlightjs: false  # else highlight.js comes from cdnjs (a third party) on every page
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, name: Suomi, default: true, build: true}
        - {locale: en, name: English, build: true}
  - seloste:
      lint: false  # a small registry: the banner is tested here, the notice text elsewhere
"""

SHOTS = ROOT / "docs" / "assets"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(
        tmp_path_factory.mktemp("own-banner"),
        {
            "mkdocs.yml": MKDOCS_YML,
            "data/registry.yaml": REGISTRY,
            "docs/fi/index.md": "# Etusivu\n\nTervetuloa.\n\n" + TAGS,
            "docs/fi/toinen.md": "# Toinen sivu\n\nLisää tekstiä.\n",
            "docs/en/index.md": "# Home\n\nWelcome.\n\n" + TAGS,
            "docs/en/toinen.md": "# Another page\n\nMore text.\n",
        },
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    return build.site


def banner(visit: Visitor):
    return visit.page.locator("#__consent[data-seloste-banner]")


def click_and_reload(visit: Visitor, name: str) -> None:
    visit.reload_after(lambda: banner(visit).get_by_role("button", name=name, exact=True).click())


# --- before a choice -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (
            "/",
            {
                "title": "Evästeet",
                "accept": "Hyväksy kaikki",
                "reject": "Hylkää kaikki",
                "settings": "Evästeasetukset",
                "cookies": ("evästeselosteesta", "/evasteet/"),
                "privacy": ("tietosuojaselosteesta", "/tietosuojaseloste/"),
            },
        ),
        (
            "/en/",
            {
                "title": "Cookies",
                "accept": "Accept all",
                "reject": "Reject all",
                "settings": "Cookie settings",
                "cookies": ("cookie notice", "/en/cookies/"),
                "privacy": ("privacy notice", "/en/privacy/"),
            },
        ),
    ],
)
def test_first_layer_names_controller_purposes_third_parties_and_both_notices(visit, path, words):
    visit.open(path)
    box = banner(visit)
    box.wait_for(state="visible")
    assert visit.external() == []  # nothing before a choice
    assert box.get_by_role("heading").inner_text() == words["title"]
    text = box.locator(".seloste-consent__text").inner_text()
    assert "Testi Oy" in text  # who asks
    assert "Google Analytics" in text and "Google Ads" in text  # purposes with their services
    assert "Google Ireland Limited" in text  # the third party by name
    for label, path_ in (words["cookies"], words["privacy"]):
        link = box.get_by_role("link", name=label)
        assert link.evaluate("a => new URL(a.href).pathname") == path_
    accept = box.get_by_role("button", name=words["accept"], exact=True)
    reject = box.get_by_role("button", name=words["reject"], exact=True)
    assert box.get_by_role("button", name=words["settings"], exact=True).is_visible()
    # Reject exactly as prominent as accept: same colours, type and size.
    style = "e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor, s.fontSize, s.fontWeight, e.offsetHeight]; }"
    assert accept.evaluate(style) == reject.evaluate(style)
    assert accept.bounding_box()["height"] >= 44  # a touch target
    # The settings layer: every category explained, with its services and cookies, none ticked.
    box.get_by_role("button", name=words["settings"], exact=True).click()
    boxes = box.locator("input[type=checkbox]")
    assert boxes.count() == 2
    assert [boxes.nth(i).is_checked() for i in range(2)] == [False, False]
    details = box.locator(".seloste-consent__settings").inner_text()
    assert "_ga" in details and "_gcl_au" in details
    # (The mkdocs theme's own Bootstrap modal reports a 'backdrop' error offline.)
    assert [e for e in visit.errors if "backdrop" not in e] == []


@pytest.mark.parametrize(
    "path", ["/tietosuojaseloste/", "/evasteet/", "/en/privacy/", "/en/cookies/"]
)
def test_notices_can_be_read_before_a_choice(visit, path):
    visit.open(path)
    banner(visit).wait_for(state="visible")
    assert not visit.blurred()
    main = "[role=main]"
    assert visit.readable(f"{main} h1")
    # The notice's last words are not hidden behind the banner either.
    assert visit.readable(f"{main} > :last-child")
    assert visit.external() == []


def test_every_page_has_the_settings_link_in_its_footer(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 9  # 2 languages x 4 pages, and 404.html
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.rindex("<footer") : html.rindex("</footer>")]
        # The page's own language (static-i18n writes 404.html in the last language built).
        en = '<html lang="en"' in html
        name = "Cookie settings" if en else "Evästeasetukset"
        assert footer.count(f'<a href="#__consent" data-seloste-settings>{name}</a>') == 1, page
        assert html.count("data-seloste-settings>") == 1, page


# --- choosing, reopening, withdrawing ---------------------------------------------------------


def test_settings_link_reopens_the_banner_with_the_current_choice(visit):
    visit.open("/")
    box = banner(visit)
    box.get_by_role("button", name="Evästeasetukset", exact=True).click()
    box.get_by_label("Tilastolliset evästeet").check()
    click_and_reload(visit, "Tallenna valinnat")
    assert visit.stored("__consent") == {"analytics": True}
    assert not box.is_visible()
    assert any(GA in u for u in visit.external())
    assert not any(ADS in u for u in visit.external())

    visit.open("/toinen/")
    assert not box.is_visible()
    visit.page.locator("footer [data-seloste-settings]").click()  # one click from any page
    box.wait_for(state="visible")
    assert box.get_by_label("Tilastolliset evästeet").is_checked()
    assert not box.get_by_label("Markkinointievästeet").is_checked()
    assert visit.page.evaluate("() => document.activeElement.id") == "seloste-consent-title"
    # Withdrawing is then one click.
    click_and_reload(visit, "Hylkää kaikki")
    assert visit.stored("__consent") == {}
    visit.open("/")
    visit.page.wait_for_timeout(300)
    assert visit.external() == []
    assert not box.is_visible()


def test_keyboard_reaches_the_banner_first_and_escape_closes_a_reopened_one(visit):
    visit.open("/en/")
    box = banner(visit)
    box.wait_for(state="visible")
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("() => !!document.activeElement.closest('#__consent')")
    # Tab on to "Accept all" and choose with Enter.
    for _ in range(10):
        if visit.page.evaluate("() => document.activeElement.dataset.action") == "accept":
            break
        visit.page.keyboard.press("Tab")
    visit.reload_after(lambda: visit.page.keyboard.press("Enter"))
    assert visit.stored("__consent") == {"analytics": True, "marketing": True}
    visit.page.locator("footer [data-seloste-settings]").click()
    box.wait_for(state="visible")
    visit.page.keyboard.press("Escape")
    assert not box.is_visible()


def test_banner_fits_a_phone(browser, base_url):
    visit = Visitor(browser, base_url, width=360, height=740)
    try:
        visit.open("/evasteet/")
        box = banner(visit)
        box.wait_for(state="visible")
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing sticks out sideways
        # On the notice the banner leaves most of the screen to the text.
        assert box.bounding_box()["height"] <= 740 * 0.45
        accept = box.get_by_role("button", name="Hyväksy kaikki", exact=True)
        accept.scroll_into_view_if_needed()
        assert accept.bounding_box()["width"] >= 300  # full width, easy to hit
        if SHOTS.exists() and _shots_wanted():
            visit.open("/")
            box.wait_for(state="visible")
            visit.page.screenshot(path=str(SHOTS / "consent-own-banner-mobile-fi.png"))
    finally:
        visit.close()


# --- Google Consent Mode v2 -------------------------------------------------------------------

DENIED = {
    "ad_storage": "denied",
    "ad_user_data": "denied",
    "ad_personalization": "denied",
    "analytics_storage": "denied",
}


def test_consent_mode_defaults_to_denied_before_any_google_tag(visit):
    visit.open("/")
    calls = visit.consent_calls()
    assert [c[:2] for c in calls] == [["consent", "default"]]
    assert DENIED.items() <= calls[0][2].items()
    assert visit.data_layer_commands() == ["consent default"]  # no tag ran


def test_consent_mode_update_follows_the_choice(visit):
    visit.open("/en/")
    box = banner(visit)
    box.get_by_role("button", name="Cookie settings", exact=True).click()
    box.get_by_label("Statistics cookies").check()
    click_and_reload(visit, "Save choices")
    visit.page.wait_for_function("() => (window.dataLayer || []).length >= 4")
    commands = visit.data_layer_commands()
    assert commands[:2] == ["consent default", "consent update"]
    assert commands.index("consent update") < commands.index("js")
    update = visit.consent_calls()[1][2]
    assert update["analytics_storage"] == "granted"
    assert {update[k] for k in ("ad_storage", "ad_user_data", "ad_personalization")} == {"denied"}

    click_and_reload_via_link(visit)
    click_and_reload(visit, "Accept all")
    update = visit.consent_calls()[1][2]
    assert {update[k] for k in DENIED} == {"granted"}


def click_and_reload_via_link(visit: Visitor) -> None:
    visit.page.locator("footer [data-seloste-settings]").click()
    banner(visit).wait_for(state="visible")


# --- expiry and receipt -----------------------------------------------------------------------


def _months_ago(months: int) -> str:
    now = dt.datetime.now(dt.timezone.utc)
    return (now - dt.timedelta(days=round(months * 30.5))).isoformat()


def test_choice_expires_after_twelve_months(visit):
    visit.open("/")
    click_and_reload(visit, "Hyväksy kaikki")
    receipt = visit.stored("__seloste_receipt")
    assert receipt["consent"] == {"analytics": True, "marketing": True}
    # Eleven months later: still valid.
    visit.set_stored("__seloste_receipt", {**receipt, "date": _months_ago(11)})
    visit.open("/")
    visit.page.wait_for_timeout(200)
    assert not banner(visit).is_visible()
    assert any(GA in u for u in visit.external())
    # Thirteen months later: asked again, nothing loads before the answer.
    visit.set_stored("__seloste_receipt", {**receipt, "date": _months_ago(13)})
    visit.open("/")
    banner(visit).wait_for(state="visible")
    visit.page.wait_for_timeout(200)
    assert visit.external() == []
    assert visit.stored("__consent") is None
    assert visit.consent_calls()[-1][1] == "default"


def test_cookie_notice_shows_the_receipt_with_a_change_link(visit, site):
    from seloste.consent import consent_revision
    from seloste.registry.load import load_registry

    visit.open("/en/cookies/")
    receipt = visit.page.locator("[data-seloste-receipt]")
    assert receipt.inner_text().startswith("You have not made a choice")
    box = banner(visit)
    box.get_by_role("button", name="Cookie settings", exact=True).click()
    box.get_by_label("Statistics cookies").check()
    click_and_reload(visit, "Save choices")
    stored = visit.stored("__seloste_receipt")
    date = dt.datetime.fromisoformat(stored["date"].replace("Z", "+00:00"))
    local = visit.page.evaluate(
        "iso => { const d = new Date(iso); return d.getDate() + '.' + (d.getMonth() + 1) + '.' + d.getFullYear(); }",
        stored["date"],
    )
    assert abs((dt.datetime.now(dt.timezone.utc) - date).total_seconds()) < 120
    revision = stored["revision"]
    assert re.fullmatch(r"[0-9a-f]{8}", revision)
    text = receipt.inner_text()
    assert f"You accepted statistics cookies on {local} (list version {revision})." in text
    assert "You refused marketing cookies." in text
    receipt.get_by_role("link", name="Change your choice").click()
    box.wait_for(state="visible")
    assert box.get_by_label("Statistics cookies").is_checked()
    # The revision is the registry's (the same one the notice prints).
    loaded = load_registry(site.parent / "data" / "registry.yaml", ["fi", "en"])
    assert revision == consent_revision(loaded)


def _shots_wanted() -> bool:
    import os

    return bool(os.environ.get("SELOSTE_SCREENSHOTS"))


# --- the CLI path: any generator's HTML + `seloste consent --script --own-banner` ---------------


@pytest.fixture(scope="module")
def cli_site(tmp_path_factory) -> Path:
    """A hand-built static site (as Hugo or Jekyll would write it) wired with the command:
    `seloste render --format html` for the notices, `seloste consent` for the head tag,
    the gating script and the banner."""
    from click.testing import CliRunner

    from seloste.cli import main

    root = tmp_path_factory.mktemp("cli-site")
    (root / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    site = root / "public"
    runner = CliRunner()
    rendered = runner.invoke(
        main,
        [
            "render",
            "-r",
            str(root / "registry.yaml"),
            "-o",
            str(root / "notices"),
            "--format",
            "html",
            "--no-front-matter",
            "--lang",
            "fi",
        ],
    )
    assert rendered.exit_code == 0, rendered.output
    result = runner.invoke(
        main,
        [
            "consent",
            "-r",
            str(root / "registry.yaml"),
            "--lang",
            "fi",
            "--script",
            str(site / "assets/javascripts/seloste-consent.js"),
            "--own-banner",
            str(root / "banner.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    tag = next(line[2:] for line in result.stdout.splitlines() if line.startswith("# <script"))
    banner_markup = (root / "banner.html").read_text(encoding="utf-8")

    def page(body: str) -> str:
        return (
            f'<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>T</title>{tag}'
            f'</head><body><main>{body}</main><footer><a href="#__consent">Evästeasetukset</a>'
            f"</footer>{banner_markup}</body></html>"
        )

    (site / "index.html").write_text(page("<h1>Etusivu</h1>" + TAGS), encoding="utf-8")
    for notice in ("tietosuojaseloste", "evasteet"):
        body = (root / "notices" / notice / "index.html").read_text(encoding="utf-8")
        (site / notice).mkdir(parents=True)
        (site / notice / "index.html").write_text(page(body), encoding="utf-8")
    return site


@pytest.fixture
def cli_visit(browser, cli_site):
    with serve(cli_site) as url:
        v = Visitor(browser, url)
        yield v
        v.close()


def test_cli_path_banner_consent_mode_notice_and_receipt(cli_visit):
    visit = cli_visit
    visit.open("/evasteet/")
    box = banner(visit)
    box.wait_for(state="visible")
    assert visit.external() == []
    assert not visit.blurred()
    assert visit.readable("main h1") and visit.readable("main > :last-child")
    assert [c[1] for c in visit.consent_calls()] == ["default"]
    box.get_by_role("button", name="Evästeasetukset", exact=True).click()
    box.get_by_label("Markkinointievästeet").check()
    click_and_reload(visit, "Tallenna valinnat")
    update = visit.consent_calls()[1][2]
    assert update["ad_storage"] == "granted" and update["analytics_storage"] == "denied"
    text = visit.page.locator("[data-seloste-receipt]").inner_text()
    assert text.startswith("Hyväksyit markkinointievästeet ")
    assert "Hylkäsit tilastolliset evästeet." in text
    visit.open("/")
    assert any(ADS in u for u in visit.external()) and not any(GA in u for u in visit.external())
    visit.page.locator("footer a[href='#__consent']").click()
    box.wait_for(state="visible")
    assert box.get_by_label("Markkinointievästeet").is_checked()


# --- contrast (WCAG 2.2 AA, 1.4.3) -------------------------------------------------------------

#: For every element with its own text in the banner: its colour over the backgrounds it sits
#: on (composited up the tree onto the white canvas), the WCAG contrast ratio and what AA needs
#: (3:1 for large text, 24 px or 18.66 px bold; else 4.5:1).
CONTRASTS_JS = """(root) => {
  const parse = (c) => {
    const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const over = (top, under) => under.map((v, i) => top[i] * top[3] + v * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const out = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3)
      .map((n) => n.textContent).join('').trim();
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!text || !box.width || !box.height || style.visibility === 'hidden') continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [a, b] = [lum(fg), lum(bg)];
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
    out.push({text: text.slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
              need: large ? 3 : 4.5});
  }
  return out;
}"""


def _low_contrast(box) -> list[str]:
    return [
        f"{c['text']!r}: {c['ratio']:.2f} < {c['need']}"
        for c in box.evaluate(CONTRASTS_JS)
        if c["ratio"] < c["need"]
    ]


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_banner_text_has_wcag_aa_contrast_in_every_state(visit, path):
    visit.open(path)
    box = banner(visit)
    box.wait_for(state="visible")
    texts = box.evaluate(CONTRASTS_JS)
    assert len(texts) >= 5  # title, text, links and the buttons were all measured
    problems = _low_contrast(box)
    # The second layer: categories, their services and cookies.
    settings = box.locator("button[data-action='settings']")
    if settings.count():
        settings.first.click()
        problems += _low_contrast(box)
    # Buttons and links while the pointer is on them.
    for control in box.locator("button:visible, a:visible").all():
        control.hover()
        problems += [f"hovered {p}" for p in _low_contrast(control)]
    assert not problems, problems
