"""Send the weekly digest e-mails that are due (run daily, e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forum.digest import send_weekly_digests


class Command(BaseCommand):
    help = "Send the weekly digest to members who asked for it and have something new."

    def handle(self, *args, **options) -> None:
        sent = send_weekly_digests()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} weekly digest e-mails."))
