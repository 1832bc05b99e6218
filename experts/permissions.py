"""Who may do what on the experts' side (see STYLE.md habit 6)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import ExpertProfile
from experts.models import Article, ArticleStatus


def verified_profile_or_403(user) -> ExpertProfile:
    """The signed-in user's verified expert profile; 403 for anyone else."""
    profile = user.verified_expert_profile if user.is_authenticated else None
    if profile is None:
        raise PermissionDenied
    return profile


def can_write_articles(user) -> bool:
    return user.is_authenticated and user.is_expert and not user.is_suspended


def can_edit_article(user, article: Article) -> bool:
    return (
        can_write_articles(user)
        and article.author.user_id == user.pk
        and article.status != ArticleStatus.WITHDRAWN
    )


def can_review_articles(user) -> bool:
    return user.is_authenticated and user.can_moderate


def check_can_review_articles(user) -> None:
    if not can_review_articles(user):
        raise Http404  # the review pages do not exist for anyone else


def can_attach_video(user, post) -> bool:
    """An expert may add a video to their own expert answer (never to a question)."""
    return (
        user.is_authenticated
        and user.is_expert
        and not user.is_suspended
        and post.author_id == user.pk
        and post.is_expert_answer
        and not post.is_question
        and post.status in ("published", "pending")
    )
