from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )
    thread_count = models.PositiveIntegerField(_("published questions"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:category", kwargs={"slug": self.slug})


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("published")
    PENDING = "pending", _("pending review")
    REMOVED = "removed", _("removed by a moderator")


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> ThreadQuerySet:
        """Threads whose question the user may see: published or their own; all for moderators."""
        if user.is_authenticated and user.can_moderate:
            return self
        published = Q(status=PostStatus.PUBLISHED)
        if user.is_authenticated:
            return self.filter(published | Q(author=user))
        return self.filter(published)


class Thread(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="threads",
        verbose_name=_("asked by"),
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PostStatus.choices,
        default=PostStatus.PUBLISHED,
        help_text=_("Follows the question's status."),
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    reply_count = models.PositiveIntegerField(_("published answers"), default=0)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_prescription_question = models.BooleanField(
        _("prescription question"),
        default=False,
        help_text=_("Asks about stopping or changing a prescribed medicine."),
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_activity_at"]
        indexes = [
            models.Index(
                fields=["category", "-last_activity_at", "-id"],
                name="thread_cat_activity",
                condition=Q(status="published"),
            ),
            models.Index(fields=["-last_activity_at", "-id"], name="thread_activity"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"thread_id": self.pk, "slug": self.slug or "-"})


class PostQuerySet(models.QuerySet):
    def visible_to(self, user) -> PostQuerySet:
        """Published and removed posts (removed show a placeholder), plus the user's own pending."""
        if user.is_authenticated and user.can_moderate:
            return self
        shown = Q(status__in=[PostStatus.PUBLISHED, PostStatus.REMOVED])
        if user.is_authenticated:
            return self.filter(shown | Q(author=user))
        return self.filter(shown)


class Post(models.Model):
    """A question (the thread's first post) or an answer."""

    Status = PostStatus

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("author"),
    )
    is_question = models.BooleanField(_("is the question"), default=False)
    body = models.TextField(_("text as written"))
    body_html = models.TextField(_("rendered text"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PostStatus.choices,
        default=PostStatus.PUBLISHED,
        db_index=True,
    )
    status_reason = models.TextField(
        _("why it is held or removed"),
        blank=True,
        help_text=_("Shown to the author (and, for removals, to everyone)."),
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"], condition=Q(is_question=True), name="one_question_per_thread"
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="post_thread_order"),
            models.Index(fields=["created_at"], name="post_pending", condition=Q(status="pending")),
        ]

    def __str__(self) -> str:
        kind = _("Question") if self.is_question else _("Answer")
        return f"{kind} #{self.pk} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def is_pending(self) -> bool:
        return self.status == PostStatus.PENDING

    @property
    def is_removed(self) -> bool:
        return self.status == PostStatus.REMOVED
