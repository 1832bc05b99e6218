from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from moderation.help import help_for
from moderation.masking import post_html_for
from moderation.models import action_words as words_for_action

register = template.Library()


@register.simple_tag(takes_context=True)
def post_body(context, post) -> str:
    """The post's rendered text for this viewer: contact details masked for everyone but
    moderators, who see them highlighted. The HTML was sanitised when the post was saved.
    """
    return mark_safe(post_html_for(post, _viewer(context)))  # noqa: S308 - bleach-cleaned at save time


def _viewer(context):
    return context.get("user") or getattr(context.get("request"), "user", None)


@register.inclusion_tag("moderation/includes/crisis_support.html", takes_context=True)
def crisis_support(context, moment: str = "posted"):
    """The helplines, her country's first, shown to someone whose words read as a crisis.
    `moment`: "preview" (not posted yet) or "posted". At most one query (then cached)."""
    return {
        "numbers": help_for("crisis", _viewer(context), context.get("request")),
        "moment": moment,
    }


@register.inclusion_tag("moderation/includes/urgent_help.html", takes_context=True)
def urgent_help(context, moment: str = "posted"):
    """The call-now banner for someone who describes an urgent symptom, her country's
    numbers first. `moment`: "preview", "posted" (her question) or "reply" (her answer)."""
    return {
        "numbers": help_for("urgent", _viewer(context), context.get("request")),
        "moment": moment,
    }


@register.filter
def action_words(code: str) -> str:
    """An audit-log action code in words: "verify_expert" -> "Verified an expert"."""
    return words_for_action(code)
