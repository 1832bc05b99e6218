from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import ExpertProfile, User
from config.forms import CleanTextMixin
from experts import verification as experts
from moderation.admin_audit import AuditedAdminMixin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = (
        "username",
        "display_name",
        "email",
        "location",
        "is_moderator",
        "is_staff",
        "suspended_until",
        "date_joined",
    )
    list_filter = ("is_moderator", "is_staff", "is_superuser", "is_active", "date_joined")
    search_fields = ("username", "display_name", "email", "location")
    ordering = ("-date_joined",)
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Forum"),
            {
                "fields": (
                    "display_name",
                    "location",
                    "is_moderator",
                    "suspended_until",
                    "notify_on_answers",
                    "deleted_at",
                )
            },
        ),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Forum"), {"fields": ("email", "display_name", "location")}),
    )


class ExpertProfileForm(forms.ModelForm):
    class Meta:
        model = ExpertProfile
        fields = ("user", *experts.APPLICATION_FIELDS, "linked_to_member")

    def clean_linked_to_member(self) -> bool:
        linked = self.cleaned_data["linked_to_member"]
        if linked and not self.initial.get("linked_to_member"):
            # Staff may unlink an expert who asks; linking again is hers to choose, by
            # applying again with the warning (the agreement kept is for the first link).
            raise forms.ValidationError(
                _(
                    "Only the expert can link their profile to their member account, "
                    "by agreeing to the warning when they apply."
                ),
                code="no_consent",
            )
        return linked


@admin.register(ExpertProfile)
class ExpertProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = ExpertProfileForm
    list_display = (
        "user",
        "professional_name",
        "linked_to_member",
        "title",
        "organisation",
        "is_prescriber",
        "status",
        "applied_at",
        "reviewed_by",
        "reviewed_at",
    )
    list_filter = ("status", "is_prescriber")
    search_fields = (
        "user__username",
        "user__display_name",
        "professional_name",
        "title",
        "organisation",
        "registration_number",
    )
    list_select_related = ("user", "reviewed_by")
    raw_id_fields = ("user",)
    # Decisions go through the actions below (with a reason, an e-mail and an audit row).
    # The agreement to link the two identities is a record: never edited here (staff may
    # still unlink an expert who asks).
    readonly_fields = (
        "status",
        "decision_reason",
        "reviewed_by",
        "reviewed_at",
        "applied_at",
        "link_consented_at",
        "link_consent_text",
    )
    actions = ["verify_selected", "reject_selected", "revoke_selected"]

    @admin.action(description=_("Verify selected applications"), permissions=["change"])
    def verify_selected(self, request, queryset):
        return self._decide(request, queryset, "verify_selected", experts.verify_expert)

    @admin.action(description=_("Reject selected applications"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._decide(request, queryset, "reject_selected", experts.reject_expert)

    @admin.action(description=_("Revoke selected experts"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        return self._decide(request, queryset, "revoke_selected", experts.revoke_expert)

    def _decide(self, request, queryset, action_name, decide):
        """First show a page asking for the reason; on confirming, apply it to each profile."""
        form = ExpertDecisionForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            profiles = list(queryset.select_related("user"))
            changed = sum(decide(profile=p, staff=request.user, reason=reason) for p in profiles)
            skipped = len(profiles) - changed
            self.message_user(
                request,
                ngettext(
                    "%(count)d expert profile updated; the applicant has been e-mailed.",
                    "%(count)d expert profiles updated; the applicants have been e-mailed.",
                    changed,
                )
                % {"count": changed},
                messages.SUCCESS,
            )
            if skipped:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d profile was left as it was: that decision does not apply "
                        "to its current status.",
                        "%(count)d profiles were left as they were: that decision does not "
                        "apply to their current status.",
                        skipped,
                    )
                    % {"count": skipped},
                    messages.WARNING,
                )
            return None
        action = self.get_action(action_name)
        context = {
            **self.admin_site.each_context(request),
            "title": action[2],
            "opts": self.model._meta,
            "profiles": queryset.select_related("user"),
            "form": form,
            "action_name": action_name,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/accounts/expertprofile/decision.html", context)


class ExpertDecisionForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Sent to the applicant in the e-mail and kept in the moderation log."),
    )
