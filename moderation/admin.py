from django.contrib import admin

from moderation.models import Flag, ModerationAction


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = (
        "post",
        "reason",
        "source",
        "state",
        "is_urgent",
        "reporter",
        "created_at",
        "resolved_by",
    )
    list_filter = ("state", "source", "reason", "is_urgent")
    search_fields = ("note", "post__body", "reporter__display_name")
    list_select_related = ("post", "reporter", "resolved_by")
    raw_id_fields = ("post", "reporter", "resolved_by")
    date_hierarchy = "created_at"


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "target_type", "target_label", "reason")
    list_filter = ("action", "target_type")
    search_fields = ("target_label", "reason", "actor__display_name", "before", "after")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"

    # The audit log is append-only, also for staff.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
