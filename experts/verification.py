"""Expert verification: a member applies, staff verify, reject or revoke.

Every staff decision is written to the moderation log in the same transaction, and the
applicant gets an e-mail once the decision is committed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.emails import send_expert_decision_email
from accounts.models import ExpertProfile
from moderation.audit import log_action

Status = ExpertProfile.Status

APPLICATION_FIELDS = (
    "professional_name",
    "title",
    "organisation",
    "speciality",
    "is_prescriber",
    "registration_number",
    "evidence",
)


def can_apply(profile: ExpertProfile | None) -> bool:
    """A member may (re-)apply when they have no application or theirs was rejected."""
    return profile is None or profile.status == Status.REJECTED


@transaction.atomic
def apply_for_expert(
    *,
    user,
    professional_name: str,
    title: str,
    organisation: str,
    speciality: str = "",
    is_prescriber: bool = False,
    registration_number: str = "",
    evidence: str = "",
    link_consent_text: str = "",
) -> bool:
    """Send (or, after a rejection, re-send) an application. Returns whether one was made.

    A pending or verified application is left as it is; a revoked expert asks staff.
    `link_consent_text` is the warning the member agreed to when they chose to link the
    expert profile to this account (the apply page asks when the account has posted);
    without it the two are never shown together.
    """
    profile = ExpertProfile.objects.select_for_update().filter(user=user).first()
    if not can_apply(profile):
        return False
    if profile is None:
        profile = ExpertProfile(user=user)
    values = {
        "professional_name": professional_name,
        "linked_to_member": bool(link_consent_text),
        "link_consented_at": timezone.now() if link_consent_text else None,
        "link_consent_text": link_consent_text,
        "title": title,
        "organisation": organisation,
        "speciality": speciality,
        "is_prescriber": is_prescriber,
        "registration_number": registration_number,
        "evidence": evidence,
    }
    for name, value in values.items():
        setattr(profile, name, value)
    profile.status = Status.APPLIED
    profile.applied_at = timezone.now()
    profile.decision_reason = ""
    profile.reviewed_by = None
    profile.reviewed_at = None
    profile.full_clean(exclude=["user"])
    profile.save()
    _forget_cached_profile(user)
    return True


def _decide(
    *, profile: ExpertProfile, staff, reason: str, to: str, allowed_from: set[str], action: str
) -> bool:
    if not reason.strip():
        raise ValidationError(_("Please give a reason for the decision."), code="reason_required")
    profile = ExpertProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status not in allowed_from:
        return False
    before = profile.status
    profile.status = to
    profile.decision_reason = reason.strip()
    profile.reviewed_by = staff
    profile.reviewed_at = timezone.now()
    profile.save(update_fields=["status", "decision_reason", "reviewed_by", "reviewed_at"])
    log_action(
        actor=staff,
        action=action,
        target=profile,
        reason=profile.decision_reason,
        before=before,
        after=to,
    )
    _forget_cached_profile(profile.user)
    profile_id = profile.pk
    transaction.on_commit(lambda: send_expert_decision_email.enqueue(profile_id, to))
    return True


@transaction.atomic
def verify_expert(*, profile: ExpertProfile, staff, reason: str) -> bool:
    """Verify an application (or restore a revoked or rejected one). Returns whether it changed."""
    return _decide(
        profile=profile,
        staff=staff,
        reason=reason,
        to=Status.VERIFIED,
        allowed_from={Status.APPLIED, Status.REJECTED, Status.REVOKED},
        action="verify_expert",
    )


@transaction.atomic
def reject_expert(*, profile: ExpertProfile, staff, reason: str) -> bool:
    """Turn down a pending application. Returns whether it changed."""
    return _decide(
        profile=profile,
        staff=staff,
        reason=reason,
        to=Status.REJECTED,
        allowed_from={Status.APPLIED},
        action="reject_expert",
    )


@transaction.atomic
def revoke_expert(*, profile: ExpertProfile, staff, reason: str) -> bool:
    """Withdraw a verified expert's status; their earlier posts keep their disclaimer.
    Returns whether it changed."""
    return _decide(
        profile=profile,
        staff=staff,
        reason=reason,
        to=Status.REVOKED,
        allowed_from={Status.VERIFIED},
        action="revoke_expert",
    )


def _forget_cached_profile(user) -> None:
    user.__dict__.pop("verified_expert_profile", None)
