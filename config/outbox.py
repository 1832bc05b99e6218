"""The development outbox: e-mails written as files to ``EMAIL_FILE_PATH`` (``var/outbox``),
as Django's file backend writes them, with only the newest ``EMAIL_FILE_KEEP`` files kept.

Without pruning the folder grows by a file for every e-mail sent while ``make run`` is up
(every answer to a followed question, every sign-up), for ever.  Only files the backend
names (``YYYYMMDD-HHMMSS-<n>.log``) are removed, so nothing else put in the folder is.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased

_OUR_FILES = re.compile(r"^\d{8}-\d{6}-\d+\.log$")


def prune(folder: Path, keep: int) -> int:
    """Remove all but the newest ``keep`` e-mail files from ``folder``; return how many."""
    files = []
    for path in folder.iterdir():
        if _OUR_FILES.match(path.name):
            with contextlib.suppress(OSError):  # another process pruned it first
                files.append((path.stat().st_mtime, path.name, path))
    files.sort(reverse=True)
    removed = 0
    for _mtime, _name, path in files[max(keep, 0) :]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed


class EmailBackend(filebased.EmailBackend):
    def close(self) -> None:
        wrote = self.stream is not None
        try:
            super().close()
        finally:
            if wrote:
                prune(Path(self.file_path), settings.EMAIL_FILE_KEEP)
