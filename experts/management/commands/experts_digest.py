"""Weekly e-mail to verified experts listing questions that wait for an expert.

Run once a week by the scheduler (cron, a systemd timer or the platform's scheduled job):
    python manage.py experts_digest
Experts switch it off on their dashboard.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from experts.digest import send_weekly_digests


class Command(BaseCommand):
    help = "E-mail verified experts the questions waiting for an expert in their categories."

    def handle(self, *args, **options) -> None:
        sent = send_weekly_digests()
        self.stdout.write(f"Weekly digest sent to {sent} expert(s).")
