"""The weekly e-mail to verified experts: questions waiting for an expert in their areas.

Like every e-mail that can be stopped, it carries a one-click "stop" link (List-Unsubscribe
with List-Unsubscribe-Post, RFC 8058): opening the link only asks; the button, or the mail
client, POSTs. The expert can also switch it off on the dashboard.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import ExpertProfile
from experts.dashboard import waiting_questions
from experts.models import ExpertSettings
from forum.notifications import read_email_link, sign_email_link
from moderation.notify import absolute

logger = logging.getLogger(__name__)

DIGEST_LENGTH = 10
# A little under a week, so a weekly job that runs a few minutes early still sends.
DIGEST_INTERVAL = timedelta(days=6, hours=20)
DIGEST_OFF_SALT = "experts.digest-off"


def make_digest_off_token(*, profile_id: int) -> str:
    return sign_email_link(salt=DIGEST_OFF_SALT, ids=[profile_id])


def read_digest_off_token(token: str) -> int | str | None:
    """The expert profile a "stop this e-mail" link stands for, UNFOLLOW_EXPIRED, or None."""
    found = read_email_link(token, salt=DIGEST_OFF_SALT, size=1)
    return found[0] if isinstance(found, tuple) else found


def experts_due(now) -> list[ExpertProfile]:
    """Verified, active experts who want the e-mail and have not had it this week."""
    switched_off = ExpertSettings.objects.filter(weekly_digest=False).values("profile_id")
    recently = ExpertSettings.objects.filter(last_digest_at__gt=now - DIGEST_INTERVAL).values(
        "profile_id"
    )
    return list(
        ExpertProfile.objects.filter(
            status=ExpertProfile.Status.VERIFIED,
            user__is_active=True,
            user__deleted_at__isnull=True,
        )
        .exclude(user__email="")
        .exclude(Q(pk__in=switched_off) | Q(pk__in=recently))
        .select_related("user")
    )


def _message(profile: ExpertProfile, waiting) -> EmailMessage:
    off_url = absolute(
        reverse(
            "experts:digest-off", kwargs={"token": make_digest_off_token(profile_id=profile.pk)}
        )
    )
    context = {
        # Addressed by the professional name (never the account's pseudonym): the e-mail is
        # about the expert's work. Experts verified before names were asked get "there".
        "name": profile.professional_name or "there",
        "lines": [
            {"thread": thread, "url": absolute(thread.get_absolute_url())} for thread in waiting
        ],
        "dashboard_url": absolute(reverse("experts:dashboard")),
        "off_url": off_url,
        "site_name": settings.SITE_NAME,
    }
    subject = " ".join(render_to_string("email/expert_digest_subject.txt", context).split())
    return EmailMessage(
        subject=subject,
        body=render_to_string("email/expert_digest_body.txt", context),
        to=[profile.user.email],
        headers={
            "List-Unsubscribe": f"<{off_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_weekly_digests(*, now=None) -> int:
    """Send each expert due one e-mail (none when nothing waits). Returns how many were sent.

    Each e-mail is claimed before it is sent, so two overlapping runs cannot both send it."""
    now = now or timezone.now()
    sent = 0
    for profile in experts_due(now):
        chosen, _created = ExpertSettings.objects.get_or_create(profile=profile)
        category_ids = list(chosen.categories.values_list("pk", flat=True))
        waiting = waiting_questions(profile, category_ids, limit=DIGEST_LENGTH)
        if not waiting:
            continue
        with transaction.atomic():
            claimed = ExpertSettings.objects.filter(
                pk=chosen.pk, weekly_digest=True, last_digest_at=chosen.last_digest_at
            ).update(last_digest_at=now)
            if not claimed:
                continue
            get_connection().send_messages([_message(profile, waiting)])
        sent += 1
    logger.info("Sent %d weekly e-mails to experts", sent)
    return sent
