"""Account e-mails sent by background tasks: staff's decision to an expert applicant, and
allauth's own messages (confirm your address, reset your password...) when the mail
server refused them during the request."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.models import ExpertProfile
from config.mail import MAIL_ERRORS, try_again_later


@task()
def send_expert_decision_email(profile_id: int, decision: str, attempt: int = 0) -> bool:
    """Tell the applicant what staff decided. Returns whether an e-mail went out."""
    profile = ExpertProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.user.email or profile.user.deleted_at:
        return False
    site = settings.SITE_URL
    context = {
        "profile": profile,
        "user": profile.user,
        "decision": decision,
        "site_name": settings.SITE_NAME,
        "experts_url": site + reverse("experts:list"),
        "apply_url": site + reverse("experts:apply"),
        "dashboard_url": site + reverse("experts:dashboard"),
    }
    subject = " ".join(render_to_string("email/expert_decision_subject.txt", context).split())
    body = render_to_string("email/expert_decision_body.txt", context)
    try:
        send_mail(subject, body, None, [profile.user.email])
    except MAIL_ERRORS as error:
        what = f"Expert decision e-mail for profile {profile_id}"
        try_again_later(send_expert_decision_email, [profile_id, decision], attempt, error, what)
        return False
    return True


def send_later(message: EmailMultiAlternatives) -> None:
    """Queue a message the mail server refused now, to be tried again after a pause."""
    fields = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "alternatives": [[content, mimetype] for content, mimetype in message.alternatives],
        "headers": dict(message.extra_headers),
    }
    if send_account_email.get_backend().supports_defer:  # else lost: tests' immediate backend
        send_account_email.using(run_after=timezone.now() + timedelta(seconds=30)).enqueue(fields)


@task()
def send_account_email(fields: dict, attempt: int = 0) -> None:
    """Send a message queued by ``send_later``; on failure queue it again (config.mail)."""
    message = EmailMultiAlternatives(
        subject=fields["subject"],
        body=fields["body"],
        from_email=fields["from_email"],
        to=fields["to"],
        headers=fields["headers"],
    )
    for content, mimetype in fields["alternatives"]:
        message.attach_alternative(content, mimetype)
    try:
        message.send()
    except MAIL_ERRORS as error:
        what = f"Account e-mail {fields['subject']!r}"
        try_again_later(send_account_email, [fields], attempt, error, what)
