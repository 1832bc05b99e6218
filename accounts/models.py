from __future__ import annotations

import functools
from urllib.parse import quote

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _

_STAND_IN = "stand-in-918273645"


@functools.lru_cache(maxsize=8)
def _profile_url_parts(prefix: str, urlconf: str | None) -> tuple[str, str]:
    """A member's page address before and after their username (reverse() quotes the
    username the same way; tests/accounts checks the two agree)."""
    url = reverse("accounts:profile", kwargs={"username": _STAND_IN}, urlconf=urlconf)
    head, tail = url.split(_STAND_IN)
    return head, tail


class User(AbstractUser):
    """A forum member. Public identity is the pseudonymous display name, never the e-mail."""

    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_('The name others see, e.g. "T.C.". Please do not use your full real name.'),
    )
    location = models.CharField(
        _("location"),
        max_length=80,
        blank=True,
        help_text=_('Optional, e.g. "Leeds, UK".'),
    )
    is_moderator = models.BooleanField(
        _("moderator"),
        default=False,
        help_text=_("Can work the moderation queue."),
    )
    suspended_until = models.DateTimeField(
        _("suspended until"),
        null=True,
        blank=True,
        help_text=_("While set and in the future, the member can read but not post."),
    )
    notify_on_answers = models.BooleanField(
        _("e-mail me new answers in threads I follow"), default=True
    )
    deleted_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    unread_notices = models.PositiveIntegerField(
        _("unread notices from the moderators"),
        default=0,
        editable=False,
        help_text=_("Kept by moderation.notify so every page can show it without a query."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        # A thread page links 50 authors: the pattern is reversed once per URL configuration.
        head, tail = _profile_url_parts(get_script_prefix(), get_urlconf())
        return f"{head}{quote(self.username, safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return str(_("deleted member"))
        return self.display_name or self.username

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    # --- Roles that need two-factor authentication -------------------------------------
    # One rule for every permission check, queryset, masking and cache decision: a
    # moderator, staff member or superuser without an authenticator app (while
    # MFA_REQUIRED_FOR_STAFF is on) is treated as an ordinary member everywhere.

    @property
    def has_protected_role(self) -> bool:
        """Moderator, staff or superuser: roles that see members' held posts and contact
        details or run the admin, so they must be protected by two-factor authentication."""
        return self.is_moderator or self.is_staff or self.is_superuser

    @cached_property
    def has_totp(self) -> bool:
        """Whether the member has an authenticator app; one query, kept for this request."""
        return Authenticator.objects.filter(user_id=self.pk, type=Authenticator.Type.TOTP).exists()

    @property
    def needs_two_factor(self) -> bool:
        """A protected role without the authenticator app it requires: its powers are off."""
        return (
            settings.MFA_REQUIRED_FOR_STAFF
            and self.is_active
            and self.has_protected_role
            and not self.has_totp
        )

    @property
    def can_moderate(self) -> bool:
        """Sees held posts and contact details, works the queue, features any answer."""
        is_moderator = self.is_moderator or self.is_superuser
        return self.is_active and is_moderator and not self.needs_two_factor

    @property
    def can_use_admin(self) -> bool:
        return self.is_active and self.is_staff and not self.needs_two_factor

    def has_perm(self, perm, obj=None) -> bool:
        # A superuser's "every permission" waits for two-factor like the rest of the role.
        return not self.needs_two_factor and super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return not self.needs_two_factor and super().has_module_perms(app_label)

    @cached_property
    def verified_expert_profile(self) -> ExpertProfile | None:
        try:
            profile = self.expert_profile
        except ExpertProfile.DoesNotExist:
            return None
        return profile if profile.is_verified else None

    @property
    def is_expert(self) -> bool:
        return self.verified_expert_profile is not None


def acting_moderators():
    """The users for whom `User.can_moderate` is true, as a queryset (e.g. to e-mail them)."""
    users = User.objects.filter(is_active=True).filter(
        models.Q(is_moderator=True) | models.Q(is_superuser=True)
    )
    if settings.MFA_REQUIRED_FOR_STAFF:
        users = users.filter(
            pk__in=Authenticator.objects.filter(type=Authenticator.Type.TOTP).values("user_id")
        )
    return users


class ExpertProfile(models.Model):
    """A member's application to answer as a verified expert, and staff's decision on it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("rejected")
        REVOKED = "revoked", _("revoked")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("user"),
    )
    professional_name = models.CharField(
        _("name as registered"),
        max_length=120,
        blank=True,
        help_text=_(
            "The name on the professional register, shown with everything posted as an expert. "
            "Never shown together with the member's display name unless they chose to link them."
        ),
    )
    title = models.CharField(
        _("title"), max_length=120, help_text=_('e.g. "Consultant Clinical Embryologist"')
    )
    organisation = models.CharField(_("organisation"), max_length=160)
    speciality = models.CharField(_("speciality"), max_length=160, blank=True)
    is_prescriber = models.BooleanField(
        _("licensed prescriber"),
        default=False,
        help_text=_("Licensed to prescribe medicines (e.g. a physician)."),
    )
    registration_number = models.CharField(
        _("professional registration number"),
        max_length=80,
        blank=True,
        help_text=_("Private: seen by staff only."),
    )
    evidence = models.TextField(
        _("evidence for staff"),
        blank=True,
        help_text=_(
            "Private: links to a register entry or staff page, and anything else staff need."
        ),
    )
    linked_to_member = models.BooleanField(
        _("linked to the member account"),
        default=False,
        help_text=_(
            "The expert chose to be shown as the same person as this account's member name, "
            "after a warning. Otherwise no public page joins the two."
        ),
    )
    link_consented_at = models.DateTimeField(_("link agreed at"), null=True, blank=True)
    link_consent_text = models.TextField(
        _("warning agreed to"),
        blank=True,
        help_text=_("The warning exactly as the expert read it when they agreed to link."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return f"{self.public_name}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("experts:profile", kwargs={"profile_id": self.pk})

    def clean(self) -> None:
        if self.linked_to_member and not self.link_consent_text:
            raise ValidationError(
                {
                    "linked_to_member": _(
                        "Only the expert can link their profile to their member account, "
                        "by agreeing to the warning when they apply."
                    )
                },
                code="no_consent",
            )

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def public_name(self) -> str:
        """The professional name; profiles verified before names were asked for have none yet."""
        return self.professional_name or str(_("A verified expert"))


class AccountDeletion(models.Model):
    """A member asked for their account to be deleted; it happens after a cool-off period.

    Until `due_at` the member can cancel. Then `community.deletion.anonymise_account` removes
    their e-mail, name and place; what they wrote stays under "deleted member" unless they
    chose to withdraw it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deletion_requests",
        verbose_name=_("member"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    due_at = models.DateTimeField(
        _("carried out after"), help_text=_("The end of the cool-off period.")
    )
    withdraw_posts = models.BooleanField(
        _("withdraw their posts"),
        default=False,
        help_text=_("The member chose to withdraw everything they posted."),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("carried out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(cancelled_at__isnull=True, completed_at__isnull=True),
                name="one_open_deletion_per_member",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="deletion_open_due",
                condition=models.Q(cancelled_at__isnull=True, completed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Deletion of account {self.user_id} due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.cancelled_at is None and self.completed_at is None
