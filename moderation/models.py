from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
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
        URGENT_SYMPTOM = "urgent_symptom", _("urgent symptom: needs a call today")
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
    # What an automatic check found: how sure it was, the words that caused it and which
    # rule or model version fired (empty for members' reports).
    level = models.CharField(_("level"), max_length=10, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    sentence = models.TextField(_("words that caused it"), blank=True, max_length=2000)
    detector = models.CharField(_("rule or model"), max_length=80, blank=True)
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

    @property
    def label(self) -> str:
        """What the flag is, as moderators read it: an automatic notice on a prescription
        question asks only whether the notice fits, it is no charge against the asker."""
        if self.reason == self.Reason.PRESCRIPTION_CHANGE and self.level == "notice":
            return str(_("Prescription question: check the notice fits"))
        return str(self.get_reason_display())


# Every action code written to the audit log, in words (the log page, its filter, the CSV).
ACTION_WORDS = {
    "approve": _("Approved or kept a post"),
    "remove": _("Removed a post"),
    "return": _("Returned a post to its author"),
    "edit": _("Edited a post"),
    "lock": _("Locked a thread"),
    "unlock": _("Unlocked a thread"),
    "feature": _("Featured an answer"),
    "unfeature": _("Unfeatured an answer"),
    "confirm_prescription_question": _("Confirmed a prescription question"),
    "clear_prescription_question": _("Cleared a prescription question mark"),
    "confirm_flag": _("Confirmed a flag"),
    "clear_flag": _("Cleared a flag"),
    "contact_member": _("Contacted a member with help numbers"),
    "hide_after_reports": _("Hid a post after members' reports"),
    "warn": _("Warned a member"),
    "suspend": _("Suspended a member"),
    "unsuspend": _("Lifted a suspension"),
    "appeal_upheld": _("Upheld a decision on appeal"),
    "appeal_overturned": _("Overturned a decision on appeal"),
    "verify_expert": _("Verified an expert"),
    "reject_expert": _("Turned down an expert application"),
    "revoke_expert": _("Revoked an expert's verification"),
    "new_disclaimer_version": _("Wrote a new disclaimer version"),
    "publish_article": _("Published an expert's article"),
    "return_article": _("Returned an expert's article for changes"),
    "admin_add": _("Added a record in the admin"),
    "admin_change": _("Changed a record in the admin"),
    "admin_delete": _("Deleted a record in the admin"),
}


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
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_history",
        verbose_name=_("member concerned"),
        help_text=_("The author of the post acted on, or the member warned or suspended."),
    )
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

    @property
    def action_words(self) -> str:
        return action_words(self.action)

    @property
    def target_url(self) -> str:
        """Where a moderator sees the target: a post's review page, the thread, the member's
        profile (select_related("subject") saves a query), the appeals page or the admin."""
        kind, pk = self.target_type, self.target_id
        if kind == "forum.post":
            return reverse("moderation:post", args=[pk])
        if kind == "forum.thread":
            return reverse("forum:thread-redirect", args=[pk])
        if (
            kind == settings.AUTH_USER_MODEL.lower()
            and self.subject_id
            and str(self.subject_id) == pk
        ):
            return self.subject.get_absolute_url() if not self.subject.deleted_at else ""
        if kind == "moderation.appeal":
            return reverse("moderation:appeals")
        try:
            return reverse(f"admin:{kind.replace('.', '_')}_change", args=[pk])
        except NoReverseMatch:
            return ""


def action_words(code: str) -> str:
    return str(ACTION_WORDS.get(code, code.replace("_", " ").capitalize()))


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


class DisclaimerQuerySet(models.QuerySet):
    def current(self) -> Disclaimer | None:
        """The newest wording; new expert posts are stamped with it."""
        return self.order_by("-version").first()


class Disclaimer(models.Model):
    """One version of the not-medical-advice wording on every verified expert's post.

    Versions are never edited: staff add a new one, and each post keeps the version it
    was posted under, so what a reader saw can always be shown again.
    """

    NAME_PLACEHOLDER = "{name}"

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    text = models.TextField(
        _("disclaimer"),
        help_text=_("Shown under every post by a verified expert."),
    )
    non_prescriber_text = models.TextField(
        _("extra sentence for non-prescribers"),
        help_text=_(
            "Added when the expert is not a licensed prescriber. {name} is replaced by "
            "the expert's name."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = DisclaimerQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert disclaimer")
        verbose_name_plural = _("expert disclaimers")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Version {self.version}"

    def save(self, *args, **kwargs):
        if self.version is None:
            last = Disclaimer.objects.order_by("-version").values_list("version", flat=True)
            self.version = (last.first() or 0) + 1
        super().save(*args, **kwargs)

    def render(self, *, author_name: str, is_prescriber: bool) -> str:
        return compose_disclaimer(
            text=self.text,
            non_prescriber_text=self.non_prescriber_text,
            author_name=author_name,
            is_prescriber=is_prescriber,
        )


def compose_disclaimer(
    *, text: str, non_prescriber_text: str, author_name: str, is_prescriber: bool
) -> str:
    """The disclaimer as readers see it: the non-prescriber sentence names the expert."""
    if is_prescriber:
        return text
    extra = non_prescriber_text.replace(Disclaimer.NAME_PLACEHOLDER, author_name)
    return f"{text} {extra}"


class CrisisResource(models.Model):
    """A helpline shown at once to someone whose post reads as a crisis. Edited by admins."""

    country_code = models.CharField(
        _("country code"),
        max_length=2,
        help_text=_('Two letters, e.g. "GB", "IE", "US", "AU".'),
    )
    country_name = models.CharField(_("country"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text_line = models.CharField(
        _("text line"), max_length=80, blank=True, help_text=_('e.g. "Text SHOUT to 85258".')
    )
    url = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")
        ordering = ["position", "country_code", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})"


class UrgentCareResource(models.Model):
    """A number to call now about an urgent symptom (bleeding, severe pain, reduced
    movements...), shown to the member who describes one, her country first. Edited by admins.
    """

    country_code = models.CharField(
        _("country code"),
        max_length=2,
        help_text=_('Two letters, e.g. "GB", "IE", "US", "CA", "AU", "NZ".'),
    )
    country_name = models.CharField(_("country"), max_length=60)
    name = models.CharField(
        _("name"), max_length=120, help_text=_('e.g. "NHS 111" or "Your maternity unit".')
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("Leave empty for a service whose number is the member's own (her clinic)."),
    )
    when = models.CharField(
        _("when to call"),
        max_length=240,
        blank=True,
        help_text=_('One plain sentence, e.g. "Heavy bleeding, severe pain or fainting".'),
    )
    url = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("urgent care number")
        verbose_name_plural = _("urgent care numbers")
        ordering = ["position", "country_code", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})"


class MemberNotice(models.Model):
    """A message from the moderators that a member reads on the site (also sent by e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_notices",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=30)
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice to a member")
        verbose_name_plural = _("notices to members")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="notice_user_recent")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class Appeal(models.Model):
    """A member asks for a removal or a suspension to be looked at again; once per action."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        UPHELD = "upheld", _("decision upheld")
        OVERTURNED = "overturned", _("decision overturned")

    action = models.OneToOneField(
        ModerationAction,
        on_delete=models.PROTECT,
        related_name="appeal",
        verbose_name=_("action appealed"),
        help_text=_("The removal or suspension; each can be appealed once."),
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="appeals",
        verbose_name=_("appealed by"),
    )
    message = models.TextField(_("message"), max_length=4000)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note to the member"), blank=True)
    created_at = models.DateTimeField(_("appealed at"), default=timezone.now)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Appeal against {self.action}"


class TrainingExample(models.Model):
    """A moderator's decision on an automatic finding, kept as a labelled example.

    The text is kept as it was when the moderator decided (a later edit or removal does
    not change what they judged), so ``moderation_train --include-decisions`` learns from
    exactly what they saw.
    """

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        CLEARED = "cleared", _("cleared")
        APPROVED = "approved", _("post approved")
        REMOVED = "removed", _("post removed")
        RETURNED = "returned", _("post returned to its author")

    flag = models.OneToOneField(
        Flag,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_example",
        verbose_name=_("flag"),
    )
    label = models.CharField(_("label"), max_length=32, choices=Flag.Reason.choices)
    kind = models.CharField(
        _("kind of post"),
        max_length=10,
        choices=[("question", _("question")), ("reply", _("reply"))],
    )
    text = models.TextField(_("text as judged"))
    sentence = models.TextField(_("words the check pointed at"), blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    detector = models.CharField(_("rule or model"), max_length=80, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    is_positive = models.BooleanField(
        _("label holds"), help_text=_("True when the moderator agreed with the check.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("training example")
        verbose_name_plural = _("training examples")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        verdict = "holds" if self.is_positive else "does not hold"
        return f"{self.get_label_display()} {verdict} ({self.get_decision_display()})"
