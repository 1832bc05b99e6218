"""The weekly e-mail to verified experts: questions waiting for an expert in their areas."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import ExpertProfile
from experts.dashboard import waiting_questions
from experts.models import ExpertSettings
from moderation.notify import absolute

DIGEST_LENGTH = 10
# A little under a week, so a weekly job that runs a few minutes early still sends.
DIGEST_INTERVAL = timedelta(days=6, hours=20)


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


def send_weekly_digests(*, now=None) -> int:
    """Send each expert due one e-mail (none when nothing waits). Returns how many were sent."""
    now = now or timezone.now()
    messages, sent_to = [], []
    for profile in experts_due(now):
        chosen, _created = ExpertSettings.objects.get_or_create(profile=profile)
        category_ids = list(chosen.categories.values_list("pk", flat=True))
        waiting = waiting_questions(profile, category_ids, limit=DIGEST_LENGTH)
        if not waiting:
            continue
        context = {
            # Addressed by the professional name: the e-mail is about the expert's work.
            "name": profile.public_name,
            "lines": [
                {"thread": thread, "url": absolute(thread.get_absolute_url())} for thread in waiting
            ],
            "dashboard_url": absolute(reverse("experts:dashboard")),
            "site_name": settings.SITE_NAME,
        }
        subject = " ".join(render_to_string("email/expert_digest_subject.txt", context).split())
        body = render_to_string("email/expert_digest_body.txt", context)
        messages.append(EmailMessage(subject=subject, body=body, to=[profile.user.email]))
        sent_to.append(chosen.pk)
    if messages:
        get_connection().send_messages(messages)
        ExpertSettings.objects.filter(pk__in=sent_to).update(last_digest_at=now)
    return len(messages)
