from django.contrib import admin

from forum.models import Category, Post, PostRevision, Thread
from forum.services import recount_category, set_post_status
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
    # A post's status changes on its own page (PostAdmin), where it goes through the service.
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
    readonly_fields = ("reply_count", "created_at", "last_activity_at")
    date_hierarchy = "created_at"
    inlines = [PostInline]

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != new_status:
            # A thread's status follows its question: change the question, and the thread,
            # counters and cached pages follow it the way a moderator's action does.
            question = _locked(obj.posts.filter(is_question=True))
            if question is not None:
                set_post_status(question, status=new_status, reason=question.status_reason)
            else:
                type(obj).objects.filter(pk=obj.pk).update(status=new_status)
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

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != new_status:
            # The way a moderator's action goes (forum.services): a question takes its thread
            # with it, and the counters and cached pages follow.
            post = _locked(type(obj).objects.filter(pk=obj.pk))
            set_post_status(post, status=new_status, reason=obj.status_reason)
            obj.status = new_status

    def has_delete_permission(self, request, obj=None):
        # Nothing a member wrote is hard-deleted from the admin; moderators remove softly.
        return False


def _locked(posts):
    """The first post of `posts`, locked for this (the admin's atomic) request."""
    return posts.select_for_update().select_related("thread").first()
