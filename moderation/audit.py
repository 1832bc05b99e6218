"""The audit log: every moderator or staff action writes one ModerationAction row here.

The one module that writes the log. Moderation's services, the admin (admin_audit) and
other apps' services (forum, community) call `log_action` inside their own transaction,
so a change and its audit row are committed together or not at all.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from moderation.models import ModerationAction


def log_action(
    *,
    actor,
    action: str,
    target: models.Model,
    reason: str = "",
    before: str = "",
    after: str = "",
    subject_id: int | None = None,
) -> ModerationAction:
    """Record one moderator or staff action in the audit log.

    `subject_id` is the member the action concerns; by default the target's author (posts,
    threads) or the target itself (members).
    """
    if subject_id is None:
        if target._meta.label_lower == settings.AUTH_USER_MODEL.lower():
            subject_id = target.pk
        else:
            subject_id = getattr(target, "author_id", None)
    return ModerationAction.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:200],
        reason=reason,
        before=before,
        after=after,
        subject_id=subject_id,
    )
