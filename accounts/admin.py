from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import ExpertProfile, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
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
        "title",
        "organisation",
        "registration_number",
    )
    list_select_related = ("user", "reviewed_by")
    raw_id_fields = ("user",)
    readonly_fields = ("reviewed_by", "reviewed_at", "applied_at")
