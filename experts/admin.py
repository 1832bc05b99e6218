from django.contrib import admin

from experts.models import Article, ArticleRevision, ExpertSettings, VideoAnswer
from moderation.admin_audit import AuditedAdminMixin


class ArticleRevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    can_delete = False
    readonly_fields = ("editor", "title", "summary", "body", "created_at")


@admin.register(Article)
class ArticleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "author", "category", "status", "created_at", "published_at")
    list_filter = ("status", "category")
    search_fields = ("title", "author__professional_name")
    list_select_related = ("author", "category")
    raw_id_fields = ("author", "reviewed_by")
    # Publishing goes through the review page (with the audit row), not the admin form.
    readonly_fields = ("status", "published_at", "reviewed_by", "check_findings")
    inlines = [ArticleRevisionInline]


@admin.register(VideoAnswer)
class VideoAnswerAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("post", "host", "video_id", "title", "created_at")
    raw_id_fields = ("post",)


@admin.register(ExpertSettings)
class ExpertSettingsAdmin(admin.ModelAdmin):
    list_display = ("profile", "weekly_digest", "last_digest_at")
    raw_id_fields = ("profile",)
