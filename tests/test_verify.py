"""`seloste verify`: built sites in headless Debian chromium, offline, against the registry.

Vendor hosts are answered by local stubs (a fake Google Tag Manager container that
injects a Hotjar loader, a Hotjar script that sets its cookie), so the tests see what a
tag manager adds at run time without any network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from browserkit import HOTJAR, require_browser
from conftest import build_site, copy_demo

pytestmark = pytest.mark.browser

require_browser()

from seloste.cli import main  # noqa: E402
from seloste.consent import gating_script  # noqa: E402
from seloste.registry.load import load_registry  # noqa: E402
from seloste.verify import VerifyOptions, verify_site, visitor_states  # noqa: E402
from seloste.verify.pages import plan_pages, template_key  # noqa: E402

REGISTRY = """\
controller:
  name: Kespet Oy
  website: https://www.kespet.example
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
services:
  - id: google-tag-manager
    ids: ['GTM-ABC1234']
  - id: google-analytics
    ids: ['G-7QK2LMN3PZ']
"""

#: A banner that stores the choice the way Material and Seloste's own banner do.
BANNER = """
<form name="consent">
  <label><input type="checkbox" name="analytics"> Statistics</label>
  <label><input type="checkbox" name="marketing"> Marketing</label>
  <button>Accept</button><button type="reset">Reject</button>
</form>
<script>
  (function () {
    var form = document.forms.consent;
    function save(value) {
      localStorage.setItem("/.__consent", JSON.stringify(value));
      location.reload();
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var value = {};
      form.querySelectorAll("input[name]").forEach(function (b) { if (b.checked) value[b.name] = true; });
      save(value);
    });
    form.addEventListener("reset", function (e) { e.preventDefault(); save({}); });
  })();
</script>
"""
HEAD = '<script src="/seloste-consent.js"></script>'
GATED_GA = (
    '<script type="text/plain" data-category="analytics" '
    'data-src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>'
)
GTM = """<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-ABC1234');</script>"""

#: The fake vendors: a GTM container that injects Hotjar, Hotjar and gtag setting cookies.
STUBS = {
    "www.googletagmanager.com/gtm.js": (
        "var s = document.createElement('script');"
        "s.src = 'https://static.hotjar.com/c/hotjar-3712345.js?sv=6';"
        "document.head.appendChild(s);"
    ),
    "static.hotjar.com": "document.cookie = '_hjSessionUser_3712345=x; path=/';",
    "www.googletagmanager.com/gtag/js": (
        "document.cookie = '_ga=GA1.1.1.1; path=/';"
        "document.cookie = '_ga_7QK2LMN3PZ=GS1.1; path=/';"
    ),
}


def page(body: str, head: str = "") -> str:
    return (
        f"<!doctype html><html><head><meta charset=utf-8>{HEAD}{head}</head>"
        f"<body><main>{body}</main>{BANNER}</body></html>"
    )


def make_site(tmp_path: Path, pages: dict[str, str], registry: str = REGISTRY):
    root = tmp_path / "site"
    for name, html in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
    (root / "seloste-consent.js").write_text(gating_script(), encoding="utf-8")
    reg = tmp_path / "registry.yaml"
    reg.write_text(registry, encoding="utf-8")
    return root, load_registry(reg, ["fi", "en"])


def codes(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in result.findings:
        out.setdefault(f.code, []).append(f.message)
    return out


FAST = dict(settle_ms=600)


def test_gated_analytics_passes_in_every_visitor_state(tmp_path):
    root, loaded = make_site(
        tmp_path, {"index.html": page("<p>Hei</p>", GATED_GA), "evasteet/index.html": page("x")}
    )
    result = verify_site(root, loaded, VerifyOptions(stubs=STUBS, **FAST))
    assert visitor_states(loaded) == ["no-choice", "rejected", "accepted:analytics"]
    assert [f for f in result.findings if f.severity.value == "error"] == [], result.findings
    by_state = {(v.page, v.state): v for v in result.visits}
    home_no = by_state[("index.html", "no-choice")]
    home_yes = by_state[("index.html", "accepted:analytics")]
    assert home_no.requests == [] and by_state[("index.html", "rejected")].requests == []
    assert any("gtag/js?id=G-7QK2LMN3PZ" in r.url for r in home_yes.requests)
    assert {s.name for s in home_yes.stored if s.kind == "cookie"} >= {"_ga", "_ga_7QK2LMN3PZ"}
    assert "evasteet/index.html" in result.plan.pages  # the cookie notice is always opened


def test_finds_the_hotjar_tag_a_gtm_container_injects(tmp_path):
    root, loaded = make_site(tmp_path, {"index.html": page("<p>Hei</p>", GTM)})
    # the static check sees only GTM, which is declared
    result = verify_site(root, loaded, VerifyOptions(stubs=STUBS, **FAST))
    found = codes(result)
    assert any("Hotjar" in m and "static.hotjar.com" in m for m in found["V105"]), found
    assert any("Hotjar" in m and "before consent" in m for m in found["V101"]), found
    assert any("_hjSessionUser_3712345" in m for m in found["V103"]), found
    assert result.fails()


def test_the_registry_lint_settings_hold_for_v_codes(tmp_path):
    """`lint: ignore` and `lint: severity` apply to the browser check's findings as to
    every other family (policy.py): the GTM-injected Hotjar of the test above, with V105
    ignored and V101 lowered to a warning."""
    settings = (
        "lint:\n  ignore:\n    - {code: V105, reason: Hotjar is being removed from GTM}\n"
        "  severity: {V101: warning}\n"
    )
    root, loaded = make_site(tmp_path, {"index.html": page("<p>Hei</p>", GTM)}, REGISTRY + settings)
    result = verify_site(root, loaded, VerifyOptions(stubs=STUBS, **FAST))
    found = codes(result)
    assert "V105" not in found and found["V101"], found
    assert {f.severity.value for f in result.findings if f.code == "V101"} == {"warning"}


def test_an_ungated_hotjar_snippet_fails_naming_hotjar(tmp_path, monkeypatch):
    registry = REGISTRY + "  - id: hotjar\n    ids: ['3712345']\n"
    make_site(
        tmp_path,
        {"index.html": page("<p>Hei</p>"), "blog/post/index.html": page("<p>x</p>" + HOTJAR)},
        registry,
    )
    monkeypatch.chdir(tmp_path)  # `seloste verify site`, from the project as a user runs it
    out = CliRunner().invoke(main, ["verify", "site", "-r", "registry.yaml", "--format", "json"])
    assert out.exit_code == 1, out.output
    data = json.loads(out.stdout)
    v101 = [f for f in data["findings"] if f["code"] == "V101"]
    assert v101 and "Hotjar" in v101[0]["message"] and "static.hotjar.com" in v101[0]["message"]
    # The page as `seloste check site` names it, in the location and in the message.
    assert v101[0]["path"] == "site/blog/post/index.html" and v101[0]["origin"] == "site"
    assert "on site/blog/post/index.html" in v101[0]["message"]


def test_offline_nothing_leaves_the_machine_and_network_lets_it_through(tmp_path, monkeypatch):
    from seloste.verify import browser as verify_browser

    root, loaded = make_site(tmp_path, {"index.html": page("x", HOTJAR)})
    calls: list[str] = []
    real = verify_browser.Visitor._route

    def spy(self, route, record):
        calls.append("continue" if self.network else "offline")
        original_continue = route.continue_

        def continue_(*a, **k):
            from urllib.parse import urlsplit

            if urlsplit(route.request.url).hostname != "127.0.0.1":
                calls.append("NETWORK " + route.request.url)
                return route.abort()  # the test itself stays offline
            return original_continue(*a, **k)

        route.continue_ = continue_
        return real(self, route, record)

    monkeypatch.setattr(verify_browser.Visitor, "_route", spy)
    verify_site(root, loaded, VerifyOptions(**FAST), states=["no-choice"])
    assert not any(c.startswith("NETWORK") for c in calls)
    calls.clear()
    verify_site(root, loaded, VerifyOptions(network=True, **FAST), states=["no-choice"])
    assert any(c.startswith("NETWORK https://static.hotjar.com/") for c in calls)


def test_pages_are_sampled_per_template_and_a_pasted_snippet_is_its_own(tmp_path):
    pages = {f"docs/p{i}/index.html": page(f"<p>{i}</p>", GATED_GA) for i in range(8)}
    pages["docs/p5/index.html"] = page("<p>5</p>" + HOTJAR, GATED_GA)
    pages["en/cookies/index.html"] = page("cookies")
    root, loaded = make_site(tmp_path, pages)
    plan = plan_pages(root, ["fi", "en"])
    assert plan.pages[0] == "en/cookies/index.html"
    assert "docs/p5/index.html" in plan.pages
    assert len(plan.pages) == 3 and plan.total == 9
    assert template_key(pages["docs/p1/index.html"]) == template_key(pages["docs/p2/index.html"])


def test_a_site_without_a_banner_says_the_states_cannot_be_reached(tmp_path):
    root, loaded = make_site(tmp_path, {"index.html": "<html><body>x</body></html>"})
    result = verify_site(root, loaded, VerifyOptions(**FAST), states=["rejected"])
    assert [f.code for f in result.findings] == ["V106"]


def test_the_demo_passes_in_all_three_states(tmp_path):
    (tmp_path / "demo").mkdir()
    root = copy_demo(tmp_path / "demo")
    build = build_site(root)
    assert build.returncode == 0, build.output
    out = CliRunner().invoke(
        main,
        ["verify", str(build.site), "-r", str(root / "data" / "registry.yaml"), "--max-pages", "6"],
    )
    assert out.exit_code == 0, out.output
    assert "no-choice" in out.stderr and "rejected" in out.stderr and "accepted:" in out.stderr
