from django.contrib import admin

from forum.models import Category, Post, PostRevision, Thread
from forum.services import recount_category
from moderation.admin_audit import AuditedAdminMixin


@admin.register(Category)
class CategoryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "position", "thread_count", "last_activity_at")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "description")
    readonly_fields = ("thread_count", "last_activity_at")


class PostInline(admin.TabularInline):
    model = Post
    fields = ("author", "status", "created_at", "body")
    readonly_fields = ("author", "created_at", "body")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Thread)
class ThreadAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "category",
        "author",
        "status",
        "reply_count",
        "is_prescription_question",
        "is_locked",
        "last_activity_at",
    )
    list_filter = ("status", "category", "is_prescription_question", "is_locked")
    search_fields = ("title", "author__display_name", "author__username")
    list_select_related = ("category", "author")
    raw_id_fields = ("author",)
    readonly_fields = ("reply_count", "created_at", "last_activity_at")
    date_hierarchy = "created_at"
    inlines = [PostInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A question moved to another category (or published or not) moves its count.
        if change and {"category", "status"} & set(form.changed_data):
            for category_id in {form.initial.get("category"), obj.category_id} - {None}:
                recount_category(category_id=category_id)


class PostRevisionInline(admin.TabularInline):
    """Every earlier version of the post, oldest first; read-only."""

    model = PostRevision
    fields = ("created_at", "editor", "title", "body")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "thread",
        "author",
        "status",
        "is_question",
        "created_at",
        "edited_at",
    )
    list_filter = ("status", "is_question", "thread__category")
    search_fields = ("body", "author__display_name", "author__username", "thread__title")
    list_select_related = ("thread", "author")
    raw_id_fields = ("thread", "author")
    readonly_fields = ("body_html", "created_at", "edited_at")
    date_hierarchy = "created_at"
    inlines = [PostRevisionInline]

    def has_delete_permission(self, request, obj=None):
        # Nothing a member wrote is hard-deleted from the admin; moderators remove softly.
        return False
