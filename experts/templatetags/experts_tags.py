"""Expert articles where forum pages show them: "Further reading" on a thread, and search.

Template tags, because the forum (a floor below) must not import the experts app.
Each tag is one query at most.
"""

from __future__ import annotations

from django import template
from django.db.models import Q

from experts.models import Article
from forum import cache as page_cache

register = template.Library()

FURTHER_READING_LIMIT = 3
SEARCH_LIMIT = 5


def _listed(articles):
    return articles.select_related("author").only(
        "id",
        "title",
        "slug",
        "summary",
        "published_at",
        "author__id",
        "author__professional_name",
        "author__title",
    )


@register.inclusion_tag("experts/includes/further_reading.html")
def further_reading(thread) -> dict:
    """Published articles in the thread's category, newest first: kept while the site's
    generation stands (an article's change bumps it, experts/signals.py). The query is
    built only when the kept list is missing or old (building it costs 0.1 ms a page)."""

    def newest() -> list:
        articles = Article.objects.published().filter(category_id=thread.category_id)
        return list(_listed(articles).order_by("-published_at", "-id")[:FURTHER_READING_LIMIT])

    key = f"further-reading:{thread.category_id}"
    return {"articles": page_cache.kept(key, [], newest)}


@register.inclusion_tag("experts/includes/article_results.html")
def matching_articles(query, category=None) -> dict:
    """Published articles whose title, summary or text holds every search word."""
    terms = getattr(query, "terms", None)
    if not terms or getattr(query, "problem", ""):
        return {"articles": []}
    articles = Article.objects.published()
    if category is not None:
        articles = articles.filter(category=category)
    for term in terms:
        articles = articles.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
    return {"articles": list(_listed(articles).order_by("-published_at", "-id")[:SEARCH_LIMIT])}


@register.inclusion_tag("experts/includes/articles_waiting.html")
def articles_waiting() -> dict:
    """For the moderation queue: how many expert articles wait for review."""
    return {"count": Article.objects.filter(status="pending").count()}
