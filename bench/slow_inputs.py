"""Hostile inputs that once made the scanner slow (issue #8, point 9), timed one by one.

Each input is scanned in a fresh process-wide Scanner; the figure is the best of
``--repeat`` runs (CPU time of the scan call alone, the input built beforehand).

    python bench/slow_inputs.py            # all inputs
    python bench/slow_inputs.py --repeat 3
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from seloste.findings import SelosteError
from seloste.scan import Scanner, parse_signatures


def noscripts() -> tuple[str, str]:
    return "page.html", "<noscript>" * 100_000


def comments_and_styles() -> tuple[str, str]:
    part = '<!-- c --><p style="background: url(/a.png)">x</p>'
    return "page.html", part * 20_000


def big_css() -> tuple[str, str]:
    return "big.css", "".join(
        f"a{i}{{background:url(//h{i}.example.com/x.png)}}" for i in range(250_000)
    )


def canonical_run() -> tuple[str, str]:
    return "page.html", "<link rel=canonical " * 1_000  # 20 KB without a '>'


def user_pattern() -> tuple[str, str]:
    return "page.html", "<script>" + "x" * 28 + "</script>"


INPUTS: dict[str, Callable[[], tuple[str, str]]] = {
    "100,000 unclosed <noscript> (1 MB)": noscripts,
    "20,000 comments + style url() (1.1 MB)": comments_and_styles,
    "10 MB one-line CSS, 250k url(//…)": big_css,
    "20 KB run of <link rel=canonical, no site URL": canonical_run,
    "user signature (x+x+)+y on 28 x": user_pattern,
}


def scanner_for_input(name: str) -> Scanner | None:
    if "user signature" not in name:
        return Scanner()
    try:
        sigs = parse_signatures("evil:\n  markers: ['(x+x+)+y']\n", "evil.yaml")
    except SelosteError as exc:
        print(f"  refused: {exc.findings[0].one_line()}")
        return None
    from seloste.scan import builtin_signatures

    return Scanner(builtin_signatures().extended(sigs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, make in INPUTS.items():
        path, text = make()
        best = float("inf")
        for _ in range(args.repeat):
            scanner = scanner_for_input(name)
            if scanner is None:
                best = 0.0
                break
            start = time.process_time()
            if path.endswith(".css"):
                scanner.scan_asset(path, text)
            else:
                scanner.scan_html(path, text)
            best = min(best, time.process_time() - start)
        print(f"{name}: {best:.3f} s ({len(text) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
