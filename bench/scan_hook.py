"""MkDocs hook for the benchmark: Seloste's scanner on every page, as the plugin does it.

It measures the scanner alone (no registry, notices or audit), and records the
CPU time spent inside ``scan_html`` so the overhead can be read without the noise
of comparing two whole builds. Set SELOSTE_BENCH_OUT to a file for the figures.
"""

from __future__ import annotations

import json
import os
import time

from seloste.scan import Scanner, ScanResult

_scanner: Scanner | None = None
_result = ScanResult()
_seconds = 0.0


def on_config(config):
    global _scanner
    if _scanner is None:
        _scanner = Scanner(site_host="bench.example.fi")
    return config


def on_post_page(output, page, config):
    global _seconds
    started = time.process_time()
    _result.extend(_scanner.scan_html(page.file.dest_uri, output))
    _seconds += time.process_time() - started
    return output


def on_post_build(config):
    out = os.environ.get("SELOSTE_BENCH_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "scan_seconds": _seconds,
                    "pages": _result.files_scanned,
                    "bytes": _result.bytes_scanned,
                    "detections": len(_result.detections),
                },
                handle,
            )
