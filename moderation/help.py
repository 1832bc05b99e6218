"""Help numbers for a member whose words read as a crisis or an urgent symptom.

Both lists (CrisisResource, UrgentCareResource) are edited by admins and read on busy
pages, so they are cached until an admin changes one. Her country's numbers come first
(accounts.countries decides which), the others are grouped by country behind
"Other countries".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string

from accounts.countries import member_country
from moderation.checks.run import check_post
from moderation.models import CrisisResource, UrgentCareResource
from moderation.screening import current_vocabulary

MODELS = {"crisis": CrisisResource, "urgent": UrgentCareResource}
CACHE_KEY = "moderation:help:{kind}:v1"


@dataclass
class CountryGroup:
    code: str
    name: str
    resources: list = field(default_factory=list)


@dataclass
class HelpNumbers:
    """Her country's numbers (`hers`, empty if we do not know it) and everyone else's."""

    country: str
    hers: CountryGroup | None
    others: list[CountryGroup]


def _all_groups(kind: str) -> list[CountryGroup]:
    groups = cache.get(CACHE_KEY.format(kind=kind))
    if groups is None:
        by_code: dict[str, CountryGroup] = {}
        for resource in MODELS[kind].objects.filter(is_active=True):
            group = by_code.setdefault(
                resource.country_code.upper(),
                CountryGroup(code=resource.country_code.upper(), name=resource.country_name),
            )
            group.resources.append(resource)
        groups = list(by_code.values())
        cache.set(CACHE_KEY.format(kind=kind), groups, 3600)
    return groups


@receiver([post_save, post_delete], sender=CrisisResource)
def _forget_crisis(**kwargs) -> None:
    cache.delete(CACHE_KEY.format(kind="crisis"))


@receiver([post_save, post_delete], sender=UrgentCareResource)
def _forget_urgent(**kwargs) -> None:
    cache.delete(CACHE_KEY.format(kind="urgent"))


def help_numbers(kind: str, country: str) -> HelpNumbers:
    """`kind` is "crisis" or "urgent"; at most one query, none while cached."""
    groups = _all_groups(kind)
    hers = next((g for g in groups if g.code == country), None)
    return HelpNumbers(country=country, hers=hers, others=[g for g in groups if g is not hers])


def help_for(kind: str, user, request=None) -> HelpNumbers:
    languages = request.META.get("HTTP_ACCEPT_LANGUAGE", "") if request is not None else ""
    return help_numbers(kind, member_country(user, languages))


def reads_as(title: str, body: str) -> set[str]:
    """Which of "crisis" and "urgent_symptom" the checks find in a question not yet posted
    (the text screening will look at: title, a blank line, body)."""
    text = f"{title or ''}\n\n{body or ''}".strip()
    if not text:
        return set()
    return check_post(text, "question", current_vocabulary()).keys() & {
        "crisis",
        "urgent_symptom",
    }


def contact_message(*, post, moderator) -> str:
    """The prepared, editable message a moderator sends a member whose post reads as a crisis
    or an urgent symptom: kind words and her country's numbers."""
    crisis = post.shows_crisis_support or any(
        f.reason == "crisis" for f in getattr(post, "open_flags", ())
    )
    kind = "crisis" if crisis else "urgent"
    numbers = help_numbers(kind, member_country(post.author))
    groups = [numbers.hers] if numbers.hers else numbers.others
    lines = []
    for group in groups:
        if len(groups) > 1:
            lines.append(f"{group.name}:")
        for r in group.resources:
            how = " · ".join(part for part in (r.phone, getattr(r, "text_line", "")) if part)
            lines.append(f"- {r.name}{f': {how}' if how else ''}")
    return render_to_string(
        f"moderation/messages/contact_{kind}.txt",
        {
            "name": post.author.public_name,
            "numbers": "\n".join(lines),
            "moderator": moderator.public_name,
        },
    ).strip()
