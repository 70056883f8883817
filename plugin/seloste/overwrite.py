"""No command replaces a file without ``--force``.

``seloste render`` and ``seloste consent --script`` write files into the user's
project. A file already there may be the user's own work (a hand-edited notice,
a customised script), so the commands first list every file they would replace
and write nothing; ``--force`` replaces them. A file whose content would not
change is no conflict: running the same command twice needs no ``--force``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class WouldOverwrite(Exception):
    """Files that exist with other content; nothing was written."""

    def __init__(self, paths: Sequence[Path]):
        self.paths = list(paths)
        super().__init__(", ".join(str(p) for p in self.paths))


def would_overwrite(planned: Sequence[tuple[Path, str]]) -> list[Path]:
    """The targets that exist and hold something other than what would be written."""
    blocked = []
    for path, text in planned:
        if not path.exists() and not path.is_symlink():
            continue
        try:
            same = path.is_file() and path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            blocked.append(path)
    return blocked


def write_files(planned: Sequence[tuple[Path, str]], *, force: bool = False) -> None:
    """Write every ``(path, text)``, or none of them when one would replace another file."""
    if not force:
        blocked = would_overwrite(planned)
        if blocked:
            raise WouldOverwrite(blocked)
    for path, text in planned:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()  # --force replaces the link itself, never the file it points to
        path.write_text(text, encoding="utf-8")
