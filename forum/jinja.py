"""The Jinja2 environment for the templates of {% slot %}s (templates/jinja2/): a post on a
thread page, the follow form, the member's part of the header.

A thread page shows up to 50 posts; Django's template language spends about half a
millisecond on each, Jinja2 (compiled to Python) about a third of that, so these use
it and every other page stays in Django's language. What they may call is listed here:
URLs, static files, a post's time, Django's `linebreaks`, the post's text as this viewer
sees it, and the help banners (Django templates, rendered only for a post's own author).
Missing attributes render as nothing, as in Django templates.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from jinja2 import ChainableUndefined, Environment, pass_context

from moderation.help import help_for
from moderation.masking import post_html_for


@pass_context
def post_body(context, post) -> str:
    """The post's sanitised HTML for this viewer (contact details masked, or highlighted for
    moderators): moderation_tags.post_body for Jinja2."""
    return mark_safe(post_html_for(post, context.get("user")))  # noqa: S308 - bleach-cleaned at save


@pass_context
def help_banner(context, kind: str, moment: str) -> str:
    """The crisis or urgent-care banner with her country's numbers first (the same
    templates as moderation_tags.crisis_support and urgent_help)."""
    template = {"crisis": "crisis_support", "urgent": "urgent_help"}[kind]
    numbers = help_for(kind, context.get("user"), context.get("request"))
    return render_to_string(
        f"moderation/includes/{template}.html", {"numbers": numbers, "moment": moment}
    )


@functools.lru_cache(maxsize=16)
def _months(language: str | None) -> tuple[str, ...]:
    """Django's "M": the months' short names in the active language, by number."""
    return ("", *(str(MONTHS_3[number]).title() for number in range(1, 13)))


class When(NamedTuple):
    machine: str  # for <time datetime>: "2026-12-03T14:05:00+0000"
    shown: str  # Django's date format "j M Y, H:i": "3 Dec 2026, 14:05"


def when(value) -> When:
    """A post's time in the reader's time zone, both ways a page shows it (Django's `date`
    filter gives the same at ten times the cost, twice a post)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    month = _months(translation.get_language())[value.month]
    shown = f"{value.day} {month} {value.year}, {value:%H:%M}"
    return When(value.strftime("%Y-%m-%dT%H:%M:%S%z"), shown)


def url(name: str, *args) -> str:
    return reverse(name, args=args or None)


def environment(**options) -> Environment:
    # Django's backend passes the loader, autoescape (on) and auto_reload (DEBUG).
    env = Environment(**{**options, "undefined": ChainableUndefined})  # noqa: S701 - autoescape on (Django's default)
    env.globals.update(
        url=url, static=static, when=when, post_body=post_body, help_banner=help_banner
    )
    env.filters.update(linebreaks=lambda text: linebreaks_filter(text, autoescape=True))
    return env
