from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from moderation.masking import post_html_for
from moderation.models import CrisisResource

register = template.Library()


@register.simple_tag(takes_context=True)
def post_body(context, post) -> str:
    """The post's rendered text for this viewer: contact details masked for everyone but
    moderators, who see them highlighted. The HTML was sanitised when the post was saved.
    """
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return mark_safe(post_html_for(post, user))  # noqa: S308 - bleach-cleaned at save time


@register.inclusion_tag("moderation/includes/crisis_support.html")
def crisis_support():
    """The helplines, shown to someone whose post reads as a crisis (one query, only then)."""
    return {"resources": list(CrisisResource.objects.filter(is_active=True)), "from_post": True}
