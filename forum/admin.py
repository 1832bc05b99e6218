from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forum.models import Category, Post, PostRevision, Thread
from forum.services import recount_category, update_search_vector
from moderation.admin_audit import AuditedAdminMixin


def _moderate_link(post_id: int | None) -> str:
    """What members wrote changes on the moderation pages (approve, remove, return,
    redact), which ask for a reason, tell the author, close the queue's flags and keep
    the text's earlier versions; the admin only shows it."""
    if post_id is None:
        return "-"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("moderation:post", args=[post_id]),
        _("Moderate this post (approve, remove, return or redact)"),
    )


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
    # Read-only: a post changes on the moderation pages (see _moderate_link).
    readonly_fields = ("author", "status", "created_at", "body")
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
    # A thread's status is its question's, and its prescription mark is confirmed or cleared
    # with its flags (kept as training examples): both change on the moderation pages.
    readonly_fields = (
        "status",
        "is_prescription_question",
        "moderate",
        "reply_count",
        "created_at",
        "last_activity_at",
    )
    date_hierarchy = "created_at"
    inlines = [PostInline]

    @admin.display(description=_("moderation"))
    def moderate(self, obj):
        if obj.pk is None:
            return _moderate_link(None)
        return _moderate_link(
            obj.posts.filter(is_question=True).values_list("pk", flat=True).first()
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "title" in form.changed_data:
            update_search_vector(thread_id=obj.pk)
        # A question moved to another category moves its count.
        if change and "category" in form.changed_data:
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
class PostAdmin(admin.ModelAdmin):
    """Posts are read here and changed on the moderation pages (_moderate_link): an edit
    here would change a member's words with no earlier version kept, no re-rendered page
    and no word to the author."""

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
    readonly_fields = ("moderate",)
    date_hierarchy = "created_at"
    inlines = [PostRevisionInline]

    @admin.display(description=_("moderation"))
    def moderate(self, obj):
        return _moderate_link(obj.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Nothing a member wrote is hard-deleted from the admin; moderators remove softly.
        return False
