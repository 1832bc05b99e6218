"""The development outbox (var/outbox) keeps the newest e-mails and does not grow for ever."""

from __future__ import annotations

import os

from django.core.mail import send_mail


def test_the_outbox_keeps_the_newest_files_and_nothing_else_is_touched(settings, tmp_path):
    settings.EMAIL_BACKEND = "config.outbox.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_FILE_KEEP = 3
    old = []
    for n in range(4):  # four e-mails from days ago, oldest first
        path = tmp_path / f"2026010{n + 1}-120000-{1000 + n}.log"
        path.write_text(f"old e-mail {n}")
        os.utime(path, (1_700_000_000 + n * 86_400,) * 2)
        old.append(path)
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes")
    os.utime(notes, (1_600_000_000,) * 2)

    send_mail("Confirm your address", "Please confirm: http://x/confirm/abc", None, ["a@b.org"])

    left = sorted(p.name for p in tmp_path.iterdir())
    assert notes.name in left
    assert [p.name for p in old if p.name in left] == [old[2].name, old[3].name]
    newest = [p for p in tmp_path.iterdir() if p not in old and p != notes]
    assert len(newest) == 1
    assert "Please confirm: http://x/confirm/abc" in newest[0].read_text()
