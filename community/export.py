"""A member's own data, as one JSON document (the "download my data" page)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import AccountDeletion, ExpertProfile
from experts.models import Article, ArticleRevision, ExpertSettings, VideoAnswer
from forum.models import HelpfulVote, Post, PostRevision, ThreadFollow
from moderation.models import Flag

FORMAT_VERSION = 1


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def member_data(*, user) -> dict[str, Any]:
    """Everything the member wrote and did, with a fixed number of queries."""
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "username": user.username,
            "display_name": user.display_name,
            "location": user.location,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "notify_on_answers": user.notify_on_answers,
            "is_moderator": user.is_moderator,
            "suspended_until": _iso(user.suspended_until),
        },
        "email_addresses": [
            {"email": row.email, "verified": row.verified, "primary": row.primary}
            for row in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }

    posts = list(Post.objects.filter(author=user).select_related("thread__category").order_by("pk"))
    revisions: dict[int, list[dict[str, Any]]] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("created_at", "pk"):
        revisions.setdefault(revision.post_id, []).append(
            {
                "edited_at": _iso(revision.created_at),
                "edited_by_you": revision.editor_id == user.pk,
                "title_before": revision.title,
                "text_before": revision.body,
            }
        )
    data["posts"] = [
        {
            "id": post.pk,
            "kind": "question" if post.is_question else "answer",
            "thread_id": post.thread_id,
            "thread_title": post.thread.title,
            "category": post.thread.category.name,
            "url": post.get_absolute_url(),
            "text": post.body,
            "status": post.status,
            "status_reason": post.status_reason,
            "posted_at": _iso(post.created_at),
            "edited_at": _iso(post.edited_at),
            "is_expert_answer": post.is_expert_answer,
            "found_helpful_by": post.helpful_count,
            "revisions": revisions.get(post.pk, []),
        }
        for post in posts
    ]
    data["helpful_votes"] = [
        {"post_id": vote.post_id, "thread_id": vote.post.thread_id, "at": _iso(vote.created_at)}
        for vote in HelpfulVote.objects.filter(voter=user).select_related("post").order_by("pk")
    ]
    data["follows"] = [
        {
            "thread_id": follow.thread_id,
            "thread_title": follow.thread.title,
            "since": _iso(follow.created_at),
        }
        for follow in ThreadFollow.objects.filter(user=user).select_related("thread").order_by("pk")
    ]
    data["flags_raised"] = [
        {
            "post_id": flag.post_id,
            "reason": flag.reason,
            "note": flag.note,
            "state": flag.state,
            "at": _iso(flag.created_at),
        }
        for flag in Flag.objects.filter(reporter=user).order_by("pk")
    ]
    data["expert_profile"] = [
        {
            "professional_name": profile.professional_name,
            "linked_to_member": profile.linked_to_member,
            "link_consented_at": _iso(profile.link_consented_at),
            "link_consent_text": profile.link_consent_text,
            "title": profile.title,
            "organisation": profile.organisation,
            "speciality": profile.speciality,
            "is_prescriber": profile.is_prescriber,
            "registration_number": profile.registration_number,
            "evidence": profile.evidence,
            "status": profile.status,
            "decision_reason": profile.decision_reason,
            "applied_at": _iso(profile.applied_at),
            "reviewed_at": _iso(profile.reviewed_at),
        }
        for profile in ExpertProfile.objects.filter(user=user)
    ]
    data.update(_expert_work(user))
    data["account_deletion_requests"] = [
        {
            "requested_at": _iso(row.requested_at),
            "due_at": _iso(row.due_at),
            "withdraw_posts": row.withdraw_posts,
            "cancelled_at": _iso(row.cancelled_at),
        }
        for row in AccountDeletion.objects.filter(user=user)
    ]
    data["appeals"] = _appeals(user)
    return data


def _expert_work(user) -> dict[str, Any]:
    """What she wrote and chose as an expert: articles (every version), videos, settings."""
    revisions: dict[int, list[dict[str, Any]]] = {}
    for revision in ArticleRevision.objects.filter(article__author__user=user).order_by(
        "created_at", "pk"
    ):
        revisions.setdefault(revision.article_id, []).append(
            {
                "edited_at": _iso(revision.created_at),
                "title_before": revision.title,
                "summary_before": revision.summary,
                "text_before": revision.body,
            }
        )
    articles = [
        {
            "id": article.pk,
            "title": article.title,
            "category": article.category.name,
            "url": article.get_absolute_url(),
            "summary": article.summary,
            "text": article.body,
            "status": article.status,
            "moderators_feedback": article.review_note,
            "written_at": _iso(article.created_at),
            "edited_at": _iso(article.edited_at),
            "published_at": _iso(article.published_at),
            "revisions": revisions.get(article.pk, []),
        }
        for article in Article.objects.filter(author__user=user)
        .select_related("category")
        .order_by("pk")
    ]
    videos = [
        {
            "post_id": video.post_id,
            "link": video.url,
            "title": video.title,
            "transcript": video.transcript,
            "added_at": _iso(video.created_at),
        }
        for video in VideoAnswer.objects.filter(post__author=user).order_by("pk")
    ]
    settings = [
        {
            "weekly_email": chosen.weekly_digest,
            "categories": [category.name for category in chosen.categories.all()],
            "last_weekly_email_at": _iso(chosen.last_digest_at),
        }
        for chosen in ExpertSettings.objects.filter(profile__user=user).prefetch_related(
            "categories"
        )
    ]
    return {"expert_articles": articles, "video_answers": videos, "expert_settings": settings}


def _appeals(user) -> list[dict[str, Any]]:
    """Appeals against moderation, if the moderation app keeps them."""
    try:
        appeal_model = apps.get_model("moderation", "Appeal")
    except LookupError:
        return []
    user_model = get_user_model()
    user_fields = [
        field.name
        for field in appeal_model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]
    if not user_fields:
        return []
    owner = "author" if "author" in user_fields else user_fields[0]
    rows = []
    for appeal in appeal_model.objects.filter(**{owner: user}).order_by("pk"):
        row = {}
        for field in appeal_model._meta.concrete_fields:
            if field.is_relation:
                if field.name == owner:
                    continue
                if field.related_model is user_model:
                    continue  # who handled it is the moderators' business
                row[f"{field.name}_id"] = getattr(appeal, field.attname)
            else:
                value = getattr(appeal, field.attname)
                row[field.name] = _iso(value) if hasattr(value, "isoformat") else value
        rows.append(row)
    return rows
