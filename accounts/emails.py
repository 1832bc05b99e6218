"""E-mail to an expert applicant about staff's decision, sent by a background task."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from accounts.models import ExpertProfile


@task()
def send_expert_decision_email(profile_id: int, decision: str) -> bool:
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
    send_mail(subject, body, None, [profile.user.email])
    return True
