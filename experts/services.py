"""Writes on the experts' side: articles (with revisions and review), videos, settings.

Every moderator decision writes its audit row in the same transaction (moderation.services).
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile
from experts.models import Article, ArticleRevision, ArticleStatus, ExpertSettings, VideoAnswer
from experts.videos import parse_video_url
from forum.models import Category, Post
from forum.rendering import ARTICLE_HEADINGS, render_markdown
from moderation.audit import log_action
from moderation.checks.run import check_post
from moderation.disclaimers import current_disclaimer
from moderation.screening import current_vocabulary, raise_auto_flag


def settings_for(profile: ExpertProfile) -> ExpertSettings:
    found, _created = ExpertSettings.objects.get_or_create(profile=profile)
    return found


def save_settings(*, profile: ExpertProfile, categories, weekly_digest: bool) -> ExpertSettings:
    chosen = settings_for(profile)
    chosen.weekly_digest = weekly_digest
    chosen.save(update_fields=["weekly_digest"])
    chosen.categories.set(categories)
    return chosen


def set_weekly_digest(*, profile_id: int, on: bool) -> bool:
    """Switch the weekly e-mail on or off (the e-mail's own link); returns whether it changed."""
    chosen, _created = ExpertSettings.objects.get_or_create(profile_id=profile_id)
    if chosen.weekly_digest == on:
        return False
    chosen.weekly_digest = on
    chosen.save(update_fields=["weekly_digest"])
    return True


# --- Articles --------------------------------------------------------------------------------


def screen_article(title: str, summary: str, body: str) -> dict:
    """The automatic checks over an article, as the reviewer will read them.

    An article is read like an answer (the promotion check, advice to change a prescription,
    contact details); it waits for a moderator whatever they find.
    """
    text = f"{title}\n\n{summary}\n\n{body}"
    found = check_post(text, "reply", current_vocabulary())
    return {
        label: {
            "level": finding.level,
            "score": round(finding.score, 3),
            "sentence": finding.sentence[:500],
            "source": finding.source,
            "reason": finding.reason,
        }
        for label, finding in found.items()
    }


def _article_slug(title: str) -> str:
    return slugify(title)[:80].strip("-") or "article"


@transaction.atomic
def submit_article(
    *, profile: ExpertProfile, category: Category, title: str, summary: str, body: str
) -> Article:
    """A new article, waiting for a moderator. It carries the disclaimer in force today."""
    if not profile.is_verified:
        raise ValidationError(_("Only verified experts can write articles."), code="not_expert")
    return Article.objects.create(
        author=profile,
        category=category,
        title=title,
        slug=_article_slug(title),
        summary=summary,
        body=body,
        body_html=render_markdown(body, headings=ARTICLE_HEADINGS),
        check_findings=screen_article(title, summary, body),
        disclaimer=current_disclaimer(),
        author_was_prescriber=profile.is_prescriber,
    )


@transaction.atomic
def edit_article(
    *, article: Article, editor, category: Category, title: str, summary: str, body: str
) -> bool:
    """Change an article, keeping the earlier text. Any change goes back to review (a
    published article is taken down until a moderator has read the new text).
    Returns whether anything changed."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if (title, summary, body, category.pk) == (
        article.title,
        article.summary,
        article.body,
        article.category_id,
    ):
        return False
    ArticleRevision.objects.create(
        article=article,
        editor=editor,
        title=article.title,
        summary=article.summary,
        body=article.body,
    )
    article.category = category
    article.title = title
    article.slug = _article_slug(title)
    article.summary = summary
    article.body = body
    article.body_html = render_markdown(body, headings=ARTICLE_HEADINGS)
    article.check_findings = screen_article(title, summary, body)
    article.edited_at = timezone.now()
    article.status = ArticleStatus.PENDING
    article.save()
    return True


@transaction.atomic
def publish_article(*, article: Article, moderator, note: str = "") -> bool:
    """A moderator has read the article and publishes it. Returns whether it changed."""
    article = Article.objects.select_for_update().select_related("author").get(pk=article.pk)
    if article.status != ArticleStatus.PENDING:
        return False
    article.status = ArticleStatus.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.reviewed_by = moderator
    article.review_note = note.strip()
    article.save(update_fields=["status", "published_at", "reviewed_by", "review_note"])
    log_action(
        actor=moderator,
        action="publish_article",
        target=article,
        reason=article.review_note,
        subject_id=article.author.user_id,
    )
    return True


@transaction.atomic
def return_article(*, article: Article, moderator, note: str) -> bool:
    """Send the article back to its author with what to change. Nothing is lost."""
    if not note.strip():
        raise ValidationError(_("Please tell the author what to change."), code="feedback_required")
    article = Article.objects.select_for_update().select_related("author").get(pk=article.pk)
    if article.status != ArticleStatus.PENDING:
        return False
    article.status = ArticleStatus.RETURNED
    article.reviewed_by = moderator
    article.review_note = note.strip()
    article.save(update_fields=["status", "reviewed_by", "review_note"])
    log_action(
        actor=moderator,
        action="return_article",
        target=article,
        reason=article.review_note,
        subject_id=article.author.user_id,
    )
    return True


# --- Videos on answers ---------------------------------------------------------------------


@transaction.atomic
def attach_video(*, post: Post, url: str, title: str, transcript: str) -> VideoAnswer:
    """Add (or replace) the video on an expert's answer. The answer keeps its text."""
    host, video_id = parse_video_url(url)
    if not transcript.strip():
        raise ValidationError(_("Please add a transcript or summary."), code="transcript")
    _flag_transcript(post=post, title=title, transcript=transcript)
    video, _created = VideoAnswer.objects.update_or_create(
        post=post,
        defaults={
            "host": host,
            "video_id": video_id,
            "url": url.strip(),
            "title": title,
            "transcript": transcript,
        },
    )
    return video


# What a moderator should see in a video's words. The answer's own text was screened when
# it was posted; the video is shown at once (it is an expert's), the flag asks for a look.
TRANSCRIPT_LABELS = ("promotion", "prescription_change", "contact_info")


def _flag_transcript(*, post: Post, title: str, transcript: str) -> None:
    found = check_post(f"{title}\n\n{transcript}", "reply", current_vocabulary())
    for label in TRANSCRIPT_LABELS:
        if label in found:
            finding = found[label]
            raise_auto_flag(
                post=post,
                finding=replace(finding, reason=f"In the video's transcript: {finding.reason}"),
            )


def remove_video(*, post: Post) -> bool:
    removed, _by_model = VideoAnswer.objects.filter(post=post).delete()
    return bool(removed)
