from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    """Something about a post that a moderator should look at."""

    class Source(models.TextChoices):
        USER = "user", _("member report")
        AUTO = "auto", _("automatic check")

    class Reason(models.TextChoices):
        PRESCRIPTION_CHANGE = "prescription_change", _("advice to change a prescription")
        CONTACT_INFO = "contact_info", _("personal contact details")
        PROMOTION = "promotion", _("promotion or advertising")
        CRISIS = "crisis", _("someone may be at risk")
        SPAM = "spam", _("spam")
        ABUSE = "abuse", _("abuse or harassment")
        MISINFORMATION = "misinformation", _("medical misinformation")
        NEW_ACCOUNT_LINK = "new_account_link", _("link from a new account")
        OTHER = "other", _("something else")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    post = models.ForeignKey(
        "forum.Post", on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flags_raised",
        verbose_name=_("reported by"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flags_resolved",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-is_urgent", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(state="open", source="user"),
                name="one_open_flag_per_reporter_per_post",
            ),
            models.UniqueConstraint(
                fields=["post", "reason"],
                condition=Q(state="open", source="auto"),
                name="one_open_auto_flag_per_reason_per_post",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-is_urgent", "created_at"],
                name="flag_open_queue",
                condition=Q(state="open"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on post {self.post_id}"


class ModerationAction(models.Model):
    """The audit log: one row for every moderator or staff action."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=40, db_index=True)
    target_type = models.CharField(_("target type"), max_length=40)
    target_id = models.CharField(_("target id"), max_length=40)
    target_label = models.CharField(_("target"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    before = models.TextField(_("text before"), blank=True)
    after = models.TextField(_("text after"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="action_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type} {self.target_id}"


class DetectorTerm(models.Model):
    """A word or phrase admins add to the automatic checks without a code change."""

    class Kind(models.TextChoices):
        MEDICINE = "medicine", _("medicine name (generic, brand or slang)")
        CHANGE_PHRASE = "change_phrase", _("phrase asking or urging a prescription change")
        PROMOTION_PHRASE = "promotion_phrase", _("promotion phrase")
        CRISIS_PHRASE = "crisis_phrase", _("crisis phrase")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    phrase = models.CharField(
        _("word or phrase"),
        max_length=120,
        help_text=_("Matched case-insensitively as whole words."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("detector term")
        verbose_name_plural = _("detector terms")
        ordering = ["kind", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "phrase"], name="unique_detector_term"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.phrase}"

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.lower().split())
        super().save(*args, **kwargs)
