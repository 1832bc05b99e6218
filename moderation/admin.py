from django.contrib import admin

from moderation.admin_audit import AuditedAdminMixin
from moderation.audit import log_action
from moderation.models import (
    Appeal,
    CrisisResource,
    Disclaimer,
    Flag,
    ModerationAction,
    TrainingExample,
    UrgentCareResource,
)


class ReadOnlyAdminMixin:
    """Records staff may read but never add, change or delete (the audit log, appeals)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Flag)
class FlagAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "post",
        "reason",
        "source",
        "state",
        "is_urgent",
        "level",
        "score",
        "reporter",
        "created_at",
        "resolved_by",
    )
    list_filter = ("state", "source", "reason", "is_urgent", "level")
    search_fields = ("note", "post__body", "reporter__display_name")
    list_select_related = ("post", "reporter", "resolved_by")
    raw_id_fields = ("post", "reporter", "resolved_by")
    date_hierarchy = "created_at"


@admin.register(TrainingExample)
class TrainingExampleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Moderators' decisions, kept for training; read-only so the record stays as decided."""

    list_display = ("decided_at", "label", "is_positive", "decision", "score", "decided_by")
    list_filter = ("label", "is_positive", "decision")
    search_fields = ("text", "sentence")
    list_select_related = ("decided_by",)
    date_hierarchy = "decided_at"


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "target_type", "target_label", "reason")
    list_filter = ("action", "target_type")
    search_fields = ("target_label", "reason", "actor__display_name", "before", "after")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    """New wording is added as a new version; published versions stay as they were, because
    every expert post keeps the version it was posted under."""

    list_display = ("version", "text", "created_at", "created_by")
    list_select_related = ("created_by",)
    readonly_fields = ("version", "created_at", "created_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        current = Disclaimer.objects.current()
        if current is None:
            return super().get_changeform_initial_data(request)
        return {"text": current.text, "non_prescriber_text": current.non_prescriber_text}

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        log_action(actor=request.user, action="new_disclaimer_version", target=obj, after=obj.text)


@admin.register(CrisisResource)
class CrisisResourceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "country_code", "phone", "text_line", "hours", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("country_code", "is_active")
    search_fields = ("name", "country_name", "url")


@admin.register(UrgentCareResource)
class UrgentCareResourceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "country_code", "phone", "when", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("country_code", "is_active")
    search_fields = ("name", "country_name", "when", "url")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Appeals are decided on /moderation/appeals/ (by a moderator who did not act)."""

    list_display = ("action", "appellant", "state", "created_at", "decided_by", "decided_at")
    list_filter = ("state",)
    list_select_related = ("action", "appellant", "decided_by")
    readonly_fields = [f.name for f in Appeal._meta.fields]
