"""Daily e-mail to moderators listing queue items waiting longer than MODERATION_OVERDUE_HOURS.

Run once a day by the scheduler (cron, a systemd timer or the platform's scheduled job):
    python manage.py moderation_digest
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timesince import timesince

from moderation.notify import absolute, moderator_emails
from moderation.queue import overdue_cutoff, queue_posts

MAX_LINES = 50


class Command(BaseCommand):
    help = "E-mail moderators a digest of queue items open longer than MODERATION_OVERDUE_HOURS."

    def handle(self, *args, **options) -> None:
        overdue = queue_posts().filter(waiting_since__lt=overdue_cutoff())
        count = overdue.count()
        recipients = moderator_emails()
        if not count or not recipients:
            self.stdout.write(f"{count} overdue item(s); no digest sent.")
            return
        lines = [
            f"{'URGENT ' if post.is_urgent else ''}{post.thread.title} "
            f"(waiting {timesince(post.waiting_since)}): "
            f"{absolute(reverse('moderation:post', args=[post.pk]))}"
            for post in overdue[:MAX_LINES]
        ]
        if count > MAX_LINES:
            lines.append(f"... and {count - MAX_LINES} more")
        context = {
            "count": count,
            "hours": settings.MODERATION_OVERDUE_HOURS,
            "lines": lines,
            "queue_url": absolute(reverse("moderation:queue")),
            "site_name": settings.SITE_NAME,
        }
        subject = " ".join(render_to_string("email/moderation_digest_subject.txt", context).split())
        body = render_to_string("email/moderation_digest_body.txt", context)
        messages = [EmailMessage(subject=subject, body=body, to=[to]) for to in recipients]
        sent = get_connection().send_messages(messages)
        self.stdout.write(f"{count} overdue item(s); digest sent to {sent} moderator(s).")
