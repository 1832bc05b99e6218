from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.models import compose_disclaimer


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
    WITHDRAWN = "withdrawn", _("withdrawn by its author")
    RETURNED = "returned", _("returned to its author for changes")


class SearchVectorIndex(GinIndex):
    """A GIN index on PostgreSQL; a plain index elsewhere, so SQLite migrations still run."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using="", **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> ThreadQuerySet:
        """Threads whose question the user may see: published or their own; all for moderators."""
        if user.is_authenticated and user.can_moderate:
            return self
        published = Q(status=PostStatus.PUBLISHED)
        if user.is_authenticated:
            return self.filter(published | Q(author=user))
        return self.filter(published)

    def with_question_disclaimer(self) -> ThreadQuerySet:
        """Add what is needed for `Thread.question_disclaimer_text` (lists that show the
        question's text, e.g. search results and feeds) without a query per thread: the
        question post joined once as `question` (a thread has one, a constraint says so), so
        `F("question__body")` reads its text in the same row."""
        return self.annotate(
            question=FilteredRelation("posts", condition=Q(posts__is_question=True))
        ).annotate(
            question_disclaimer=F("question__disclaimer__text"),
            question_disclaimer_extra=F("question__disclaimer__non_prescriber_text"),
            question_by_prescriber=F("question__author_was_prescriber"),
            question_by_linked_expert=F("question__author__expert_profile__linked_to_member"),
        )


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
    expert_reply_count = models.PositiveIntegerField(
        _("verified experts who answered"),
        default=0,
        help_text=_("Distinct experts with a published expert answer; kept by forum.services."),
    )
    search_vector = SearchVectorField(
        _("search vector"),
        null=True,
        editable=False,
        help_text=_("Title and question, for full-text search (PostgreSQL only)."),
    )
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
            models.Index(
                fields=["category", "-created_at", "-id"],
                name="thread_cat_newest",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["category", "-created_at", "-id"],
                name="thread_cat_unanswered",
                condition=Q(status="published", reply_count=0),
            ),
            SearchVectorIndex(fields=["search_vector"], name="thread_search"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"thread_id": self.pk, "slug": self.slug or "-"})

    @property
    def question_disclaimer_text(self) -> str:
        """The expert disclaimer under the question, if a verified expert asked it.
        Needs `Thread.objects.with_question_disclaimer()` and the author loaded."""
        text = getattr(self, "question_disclaimer", None)
        if not text or not getattr(self, "question_by_linked_expert", False):
            return ""  # see Post.expert_identity: an unlinked expert asks as a member
        name = self.author.public_name if not self.author.deleted_at else _("The author")
        return compose_disclaimer(
            text=text,
            non_prescriber_text=self.question_disclaimer_extra or "",
            author_name=str(name),
            is_prescriber=bool(self.question_by_prescriber),
        )


# What a post on a thread page is shown with, besides its own row ("video": an expert's
# video answer, experts.VideoAnswer, a one-to-one on Post)...
POST_SHOWN_WITH = ("author", "author__expert_profile", "disclaimer", "video")
# ...and the columns of those rows the page never shows, left unread (7 of the 12
# date-times a post's row would otherwise parse among them).
POST_UNSHOWN = (
    *(
        f"author__{name}"
        for name in ("password", "email", "first_name", "last_name", "last_login", "date_joined")
    ),
    *(
        f"author__expert_profile__{name}"
        for name in (
            "evidence",
            "registration_number",
            "link_consent_text",
            "link_consented_at",
            "decision_reason",
            "reviewed_at",
            "applied_at",
        )
    ),
    "disclaimer__created_at",
    "video__created_at",
)


class PostQuerySet(models.QuerySet):
    def as_shown(self) -> PostQuerySet:
        """With what a post on a thread page is shown with, in the same query."""
        return self.select_related(*POST_SHOWN_WITH).defer(*POST_UNSHOWN)

    def visible_to(self, user) -> PostQuerySet:
        """Published and removed posts (removed show a placeholder), plus the user's own pending."""
        if user.is_authenticated and user.can_moderate:
            return self
        shown = Q(status__in=[PostStatus.PUBLISHED, PostStatus.REMOVED, PostStatus.WITHDRAWN])
        if user.is_authenticated:
            return self.filter(shown | Q(author=user))
        return self.filter(shown)

    def under_member_name(self, member) -> PostQuerySet:
        """The member's posts shown under their display name: without those they wrote as
        a verified expert, unless they chose to link their expert profile to this account."""
        return self.filter(author=member).filter(
            Q(disclaimer__isnull=True) | Q(author__expert_profile__linked_to_member=True)
        )


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
    # Kept by moderation.masking when the text holds contact details; "" otherwise.
    body_html_masked = models.TextField(
        _("rendered text, contact details masked"),
        blank=True,
        editable=False,
        help_text=_("What everyone but moderators sees when the text holds contact details."),
    )
    body_html_marked = models.TextField(
        _("rendered text, contact details highlighted"),
        blank=True,
        editable=False,
        help_text=_("What moderators see when the text holds contact details."),
    )
    shows_crisis_support = models.BooleanField(
        _("shows crisis support to its author"),
        default=False,
        editable=False,
        help_text=_("The automatic check read it as someone at risk."),
    )
    shows_urgent_help = models.BooleanField(
        _("shows call-now numbers"),
        default=False,
        editable=False,
        help_text=_("The automatic check read it as a symptom that needs a call today."),
    )
    is_expert_answer = models.BooleanField(
        _("expert answer"),
        default=False,
        help_text=_("The author was a verified expert when they posted it."),
    )
    helpful_count = models.PositiveIntegerField(_("found helpful by"), default=0)
    featured_at = models.DateTimeField(
        _("featured at"),
        null=True,
        blank=True,
        help_text=_("Chosen by the asker or a moderator; shown above the other answers."),
    )
    # Set by forum.services when a verified expert posts; no form can change them.
    disclaimer = models.ForeignKey(
        "moderation.Disclaimer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("expert disclaimer"),
        help_text=_("The disclaimer version in force when a verified expert posted it."),
    )
    author_was_prescriber = models.BooleanField(
        _("author was a licensed prescriber"),
        default=False,
        editable=False,
        help_text=_("As verified when they posted it; decides the disclaimer's wording."),
    )

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
            # A thread's posts in time order. The columns that say which a reader sees ride
            # along (PostgreSQL), so the thread page counts its answers from the index
            # alone: 0.45 -> 0.32 ms for 995 answers, and the posts' query 2.23 -> 1.95 ms.
            models.Index(
                fields=["thread", "created_at", "id"],
                include=["status", "is_question", "featured_at"],
                name="post_thread_shown",
            ),
            models.Index(fields=["created_at"], name="post_pending", condition=Q(status="pending")),
            # A member's own posts in a thread: looked up on each thread page they read.
            models.Index(fields=["author", "thread"], name="post_author_thread"),
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

    @property
    def is_withdrawn(self) -> bool:
        return self.status == PostStatus.WITHDRAWN

    @property
    def is_returned(self) -> bool:
        return self.status == PostStatus.RETURNED

    @property
    def public_html(self) -> str:
        """The rendered text for anyone but a moderator (search, feeds, e-mails): masked."""
        return self.body_html_masked or self.body_html

    @property
    def expert_identity(self):
        """The ExpertProfile this post was written under, or None for a member's post.

        A post carries the disclaimer when its author posted as a verified expert; it is then
        shown under the professional name, never the member's display name, unless the
        expert chose to link the two. Querysets should select_related("author__expert_profile").
        """
        if self.disclaimer_id is None or self.author.deleted_at:
            return None
        try:
            profile = self.author.expert_profile
        except ObjectDoesNotExist:
            return None
        if self.is_question and not profile.linked_to_member:
            # A question is the member's own, even one stamped before experts could keep
            # the two apart: shown under the display name, with no expert marks.
            return None
        return profile

    @property
    def shown_name(self) -> str:
        """The name the post is shown under (pages, e-mails, the disclaimer)."""
        profile = self.expert_identity
        if profile is not None and not profile.linked_to_member:
            return profile.public_name
        return self.author.public_name

    @property
    def shown_url(self) -> str:
        """Where the shown name links: the expert's page for an expert post, else the member's.
        Nowhere ("") for an expert no longer verified: that page is gone, and the member's
        page must not stand in for it."""
        profile = self.expert_identity
        if profile is not None and not profile.linked_to_member:
            return profile.get_absolute_url() if profile.is_verified else ""
        return self.author.get_absolute_url()

    @property
    def disclaimer_text(self) -> str:
        """The expert disclaimer as posted ("" for posts by non-experts).

        Querysets that show posts should select_related("disclaimer", "author").
        """
        if self.disclaimer_id is None or (self.is_question and self.expert_identity is None):
            return ""
        name = self.shown_name if not self.author.deleted_at else _("The author")
        return self.disclaimer.render(
            author_name=str(name), is_prescriber=self.author_was_prescriber
        )


class PostRevision(models.Model):
    """The text of a post as it was before one edit; every earlier version is kept."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post")
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    title = models.CharField(
        _("title before the edit"), max_length=160, blank=True, help_text=_("Questions only.")
    )
    body = models.TextField(_("text before the edit"))
    created_at = models.DateTimeField(_("edited at"), default=timezone.now)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["post", "created_at", "id"]

    def __str__(self) -> str:
        return f"Revision of post {self.post_id} at {self.created_at:%Y-%m-%d %H:%M}"


class HelpfulVote(models.Model):
    """One member found one post helpful."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="helpful_votes", verbose_name=_("post")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="helpful_votes",
        verbose_name=_("voter"),
    )
    created_at = models.DateTimeField(_("voted at"), default=timezone.now)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "voter"], name="one_helpful_vote_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} found post {self.post_id} helpful"


class ThreadFollow(models.Model):
    """A member follows a thread and (if they want) gets an e-mail for each new answer."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="follows", verbose_name=_("thread")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="thread_follows",
        verbose_name=_("follower"),
    )
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        verbose_name = _("thread follow")
        verbose_name_plural = _("thread follows")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_follow_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows thread {self.thread_id}"


class CategoryFollow(models.Model):
    """A member follows a category: its new questions go into her weekly digest."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="follows", verbose_name=_("category")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="category_follows",
        verbose_name=_("follower"),
    )
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        verbose_name = _("category follow")
        verbose_name_plural = _("category follows")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "user"], name="one_category_follow_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows category {self.category_id}"


class WeeklyDigest(models.Model):
    """A member asked for the weekly digest e-mail (off by default: no row, no e-mail)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="weekly_digest",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("asked for since"), default=timezone.now)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly digest subscription")
        verbose_name_plural = _("weekly digest subscriptions")

    def __str__(self) -> str:
        return f"weekly digest for {self.user_id}"


class SearchWord(models.Model):
    """A word seen in questions' titles and texts: the vocabulary that misspelt searches are
    corrected against (with the medicine names the checks know). Kept by forum.search_index."""

    word = models.CharField(_("word"), max_length=40, unique=True)
    uses = models.PositiveIntegerField(
        _("times seen"), default=0, help_text=_("How many question texts used it when indexed.")
    )

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class AnswerEmailStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("not needed any more")
    FAILED = "failed", _("gave up after many tries")


class AnswerEmail(models.Model):
    """One "new answer" e-mail to one follower: the outbox row that makes delivery safe.

    Rows are written in the same transaction as the answer they announce (so a crash after
    the commit loses nothing), one per follower (so one bad address or a mail server that
    is down for a while delays only its own e-mails), and a row is marked sent the moment
    the mail server accepts it (so a retry never sends it again). See forum.notifications.
    """

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="answer_emails", verbose_name=_("answer")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="answer_emails",
        verbose_name=_("recipient"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AnswerEmailStatus.choices,
        default=AnswerEmailStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times sending was tried.")
    )
    due_at = models.DateTimeField(
        _("due at"), default=timezone.now, help_text=_("Not tried again before this time.")
    )
    claimed_at = models.DateTimeField(
        _("claimed at"),
        null=True,
        blank=True,
        help_text=_("When a worker started sending it; a stale claim is picked up again."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("new-answer e-mail")
        verbose_name_plural = _("new-answer e-mails")
        constraints = [
            models.UniqueConstraint(fields=["post", "recipient"], name="one_answer_email_each"),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="answer_email_waiting_idx",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]

    def __str__(self) -> str:
        return f"post {self.post_id} to member {self.recipient_id}: {self.status}"
