"""Other static site generators: what Seloste needs to know about each one.

The MkDocs plugin does everything during an MkDocs build. For Zensical, Hugo,
Jekyll (and MkDocs sites that do not run the plugin) the same artefacts come
from three commands around the generator's own build:

    seloste render --generator G   → notice pages in G's source layout
    <G's build>                    → the built site (site/, public/, _site/)
    seloste inject SITE/           → gating script, banner and links in every page
    seloste check SITE/            → audit, incl. whether the notices are published

This module holds the facts per generator; ``render.py``, ``inject.py`` and
``detect.py`` use them. The core never imports a generator.
"""

from __future__ import annotations

# The table lives in generator_table.py (sitesources.py reads it too); re-exported here.
from ..generator_table import (  # noqa: F401
    GENERATORS,
    LAYOUTS,
    TRANSLATION_KEYS,
    Generator,
    generator,
)
