"""Generate the benchmark site: bilingual Material + mkdocs-static-i18n (fi default, en).

Folder layout (docs/fi/, docs/en/), an automatic nav of every page (which is what
makes real Material pages 100+ KB), code samples, tables, admonitions, Material's
Google Analytics, and trackers pasted into some pages (YouTube, Vimeo, Hotjar,
Meta Pixel) plus traps (escaped snippets in code blocks). Deterministic.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

WORDS = {
    "fi": [
        "tietosuoja",
        "asiakas",
        "rekisteri",
        "henkilötieto",
        "käsittely",
        "palvelu",
        "sopimus",
        "yritys",
        "tieto",
        "evästeet",
        "suostumus",
        "oikeus",
        "tarkoitus",
        "säilytys",
        "peruste",
        "toimitus",
        "tilaus",
        "lasku",
        "kehitys",
        "turvallisuus",
        "käyttäjä",
        "sivusto",
        "markkinointi",
        "analytiikka",
        "yhteystieto",
        "osoite",
        "puhelin",
        "työntekijä",
        "hakemus",
        "toimittaja",
        "kumppani",
        "raportti",
        "tarkastus",
        "valvonta",
        "pyyntö",
        "vastaus",
    ],
    "en": [
        "privacy",
        "customer",
        "register",
        "personal",
        "data",
        "processing",
        "service",
        "contract",
        "company",
        "record",
        "cookies",
        "consent",
        "right",
        "purpose",
        "retention",
        "basis",
        "delivery",
        "order",
        "invoice",
        "development",
        "security",
        "user",
        "website",
        "marketing",
        "analytics",
        "contact",
        "address",
        "phone",
        "employee",
        "application",
        "supplier",
        "partner",
        "report",
        "audit",
        "control",
        "request",
        "answer",
    ],
}

HOTJAR = """<script>
    (function(h,o,t,j,a,r){
        h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
        h._hjSettings={hjid:3456789,hjsv:6};
        a=o.getElementsByTagName('head')[0];
        r=o.createElement('script');r.async=1;
        r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
        a.appendChild(r);
    })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>"""

META = """<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
document,'script','https://connect.facebook.net/fi_FI/fbevents.js');
fbq('init', '123456789012345');fbq('track', 'PageView');
</script>"""

YOUTUBE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
    'title="Video" allowfullscreen></iframe>'
)
VIMEO = '<iframe src="https://player.vimeo.com/video/76979871?dnt=1" title="Video"></iframe>'

CODE_SAMPLE = """```html
<script async src="https://www.googletagmanager.com/gtag/js?id=G-AAAAAAAAAA"></script>
<script>
  gtag('config', 'G-AAAAAAAAAA');
</script>
```"""


def _sentence(rng: random.Random, words: list[str]) -> str:
    picked = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    return " ".join(picked).capitalize() + "."


def _paragraph(rng: random.Random, words: list[str]) -> str:
    return " ".join(_sentence(rng, words) for _ in range(rng.randint(3, 6)))


def page_markdown(index: int, lang: str, rng: random.Random) -> str:
    words = WORDS[lang]
    title = f"{'Sivu' if lang == 'fi' else 'Page'} {index:04d}: {rng.choice(words)}"
    out = [f"# {title}", "", _paragraph(rng, words), ""]
    for section in range(8):
        out += [f"## {rng.choice(words).capitalize()} {section + 1}", ""]
        out += [_paragraph(rng, words), ""]
        if section % 3 == 0:
            out += [f"- {_sentence(rng, words)}" for _ in range(4)] + [""]
        if section % 4 == 1:
            out += ["| a | b | c |", "|---|---|---|"]
            out += [
                f"| {rng.choice(words)} | {rng.randint(1, 999)} | {rng.choice(words)} |"
                for _ in range(5)
            ] + [""]
        if section == 2:
            out += ['!!! note "Huom"' if lang == "fi" else '!!! note "Note"', ""]
            out += ["    " + _paragraph(rng, words), ""]
        if section == 5:
            out += [CODE_SAMPLE, ""]
    if index % 10 == 3:
        out += [YOUTUBE, ""]
    if index % 20 == 7:
        out += [VIMEO, ""]
    if index % 25 == 5:
        out += [HOTJAR, ""]
    if index % 50 == 11:
        out += [META, ""]
    return "\n".join(out) + "\n"


MKDOCS_YML = """\
site_name: Seloste bench
site_url: https://bench.example.fi/
theme:
  name: material
  language: fi
  features: [navigation.sections, content.code.copy]
markdown_extensions:
  - admonition
  - tables
  - toc: {{permalink: true}}
  - pymdownx.highlight
  - pymdownx.superfences
extra:
  analytics:
    provider: google
    property: G-7QK2LMN3PZ
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: fi, default: true, name: Suomi, build: true}}
        - {{locale: en, name: English, build: true}}
{extra_plugins}{hooks}"""


def write_config(
    root: Path, variant: str, hook: Path | None = None, options: dict[str, str] | None = None
) -> Path:
    """mkdocs-<variant>.yml: 'plain' (no Seloste), 'hook' (scanner only) or 'plugin' (with
    ``options`` of the plugin besides ``fatal: false``, written as given)."""
    # fatal: false: the bench site has undeclared trackers on purpose; the build must finish.
    lines = "".join(f"      {key}: {value}\n" for key, value in (options or {}).items())
    extra = "  - seloste:\n      fatal: false\n" + lines if variant == "plugin" else ""
    hooks = f"hooks:\n  - {hook}\n" if variant == "hook" and hook else ""
    path = root / f"mkdocs-{variant}.yml"
    path.write_text(MKDOCS_YML.format(extra_plugins=extra, hooks=hooks), encoding="utf-8")
    return path


def make_site(root: Path, pages: int, registry: Path | None = None) -> Path:
    """``pages`` HTML pages in all: half in Finnish, half in English."""
    if root.exists():
        shutil.rmtree(root)
    per_language = max(1, pages // 2)
    for lang in ("fi", "en"):
        docs = root / "docs" / lang
        docs.mkdir(parents=True)
        rng = random.Random(f"{lang}-{pages}")
        (docs / "index.md").write_text(page_markdown(0, lang, rng), encoding="utf-8")
        for index in range(1, per_language):
            (docs / f"sivu-{index:04d}.md").write_text(
                page_markdown(index, lang, rng), encoding="utf-8"
            )
    if registry is not None:
        (root / "data").mkdir()
        shutil.copy(registry, root / "data" / "registry.yaml")
    return root
