"""State changes in moderation. Each one writes its audit row in the same transaction."""

from __future__ import annotations

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
) -> ModerationAction:
    """Record one moderator or staff action in the audit log."""
    return ModerationAction.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:200],
        reason=reason,
        before=before,
        after=after,
    )
