"""What verified experts have beyond their profile: dashboard settings, articles, videos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ExpertProfile


class ExpertSettings(models.Model):
    """An expert's own choices for the dashboard and the weekly e-mail."""

    profile = models.OneToOneField(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="settings",
        verbose_name=_("expert profile"),
    )
    categories = models.ManyToManyField(
        "forum.Category",
        blank=True,
        related_name="+",
        verbose_name=_("categories I answer in"),
        help_text=_("Questions in these come first on the dashboard. None chosen: all of them."),
    )
    weekly_digest = models.BooleanField(
        _("send me a weekly e-mail of questions waiting for an expert"), default=True
    )
    last_digest_at = models.DateTimeField(_("last weekly e-mail sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("expert settings")
        verbose_name_plural = _("expert settings")

    def __str__(self) -> str:
        return f"Settings of expert profile {self.profile_id}"


class ArticleStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    PUBLISHED = "published", _("published")
    RETURNED = "returned", _("returned to its author for changes")
    WITHDRAWN = "withdrawn", _("withdrawn by its author")


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=ArticleStatus.PUBLISHED)

    def visible_to(self, user) -> ArticleQuerySet:
        """Published articles; the author's own in any state; every article for moderators."""
        if user.is_authenticated and user.can_moderate:
            return self
        if user.is_authenticated:
            return self.filter(Q(status=ArticleStatus.PUBLISHED) | Q(author__user=user))
        return self.published()


class Article(models.Model):
    """A long-form piece by a verified expert, published only after a moderator reads it."""

    Status = ArticleStatus

    author = models.ForeignKey(
        ExpertProfile,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("expert"),
    )
    category = models.ForeignKey(
        "forum.Category",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
        help_text=_('Shown as "Further reading" on questions in this category.'),
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and feeds.")
    )
    body = models.TextField(_("text as written"))
    body_html = models.TextField(_("rendered text"), blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ArticleStatus.choices,
        default=ArticleStatus.PENDING,
        db_index=True,
    )
    review_note = models.TextField(
        _("moderator's feedback"), blank=True, help_text=_("Shown to the author.")
    )
    check_findings = models.JSONField(
        _("automatic check findings"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("What the automatic checks found in the latest text, for the reviewer."),
    )
    disclaimer = models.ForeignKey(
        "moderation.Disclaimer",
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
        verbose_name=_("expert disclaimer"),
        help_text=_("The disclaimer version in force when the article was written."),
    )
    author_was_prescriber = models.BooleanField(
        _("author was a licensed prescriber"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert article")
        verbose_name_plural = _("expert articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["category", "-published_at"],
                name="article_cat_published",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["created_at"], name="article_pending", condition=Q(status="pending")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experts:article", kwargs={"article_id": self.pk, "slug": self.slug or "-"})

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def disclaimer_text(self) -> str:
        """Needs select_related("disclaimer", "author")."""
        return self.disclaimer.render(
            author_name=self.author.public_name, is_prescriber=self.author_was_prescriber
        )

    @property
    def promotion_finding(self) -> dict | None:
        return (self.check_findings or {}).get("promotion")


class ArticleRevision(models.Model):
    """An article's title and text before one edit; every version is kept."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    title = models.CharField(_("title before the edit"), max_length=160)
    summary = models.CharField(_("summary before the edit"), max_length=300, blank=True)
    body = models.TextField(_("text before the edit"))
    created_at = models.DateTimeField(_("edited at"), default=timezone.now)

    class Meta:
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        ordering = ["article", "created_at", "id"]

    def __str__(self) -> str:
        return f"Revision of article {self.article_id} at {self.created_at:%Y-%m-%d %H:%M}"


class VideoAnswer(models.Model):
    """A video an expert attached to their answer: a YouTube or Vimeo link, and its transcript.

    Shown as a plain preview; the player (from the host's privacy-enhanced domain) loads
    only when the reader asks for it.
    """

    class Host(models.TextChoices):
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"

    post = models.OneToOneField(
        "forum.Post", on_delete=models.CASCADE, related_name="video", verbose_name=_("answer")
    )
    host = models.CharField(_("video host"), max_length=16, choices=Host.choices)
    video_id = models.CharField(_("video id on the host"), max_length=32)
    url = models.URLField(_("link as given"), max_length=300)
    title = models.CharField(_("video title"), max_length=160)
    transcript = models.TextField(
        _("transcript or summary"),
        help_text=_("For readers who cannot watch or hear the video."),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("video answer")
        verbose_name_plural = _("video answers")

    def __str__(self) -> str:
        return f"{self.get_host_display()} video on post {self.post_id}"

    @property
    def watch_url(self) -> str:
        if self.host == self.Host.YOUTUBE:
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def embed_url(self) -> str:
        """The player on the host's privacy-enhanced domain (no tracking cookies)."""
        if self.host == self.Host.YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"
