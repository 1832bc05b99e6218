"""Atom feeds of new questions: the whole forum and one category."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from forum.models import Category, Post, PostStatus, Thread
from forum.search import mask_contact_details

FEED_LENGTH = 30


def _feed_threads(queryset):
    """Newest published questions, each with its question text in one query."""
    question_html = Post.objects.filter(thread=OuterRef("pk"), is_question=True).values(
        "body_html"
    )[:1]
    return (
        queryset.filter(status=PostStatus.PUBLISHED)
        .select_related("author", "category")
        .with_question_disclaimer()
        .annotate(question_html=Subquery(question_html))
        .order_by("-created_at", "-id")[:FEED_LENGTH]
    )


class LatestQuestionsFeed(Feed):
    feed_type = Atom1Feed
    link = "/"

    def title(self) -> str:
        return f"{settings.SITE_NAME}: latest questions"

    def subtitle(self) -> str:
        return "New questions from patients. Answers on the forum are not medical advice."

    def items(self):
        return _feed_threads(Thread.objects.all())

    def item_title(self, item: Thread) -> str:
        return item.title

    def item_description(self, item: Thread) -> str:
        # Plain text, masked like the page: feed readers show it outside our sanitiser.
        text = mask_contact_details(strip_tags(item.question_html or ""))
        description = Truncator(" ".join(text.split())).chars(400)
        if item.question_disclaimer_text:  # asked by a verified expert
            description = f"{description}\n\n{item.question_disclaimer_text}"
        return description

    def item_author_name(self, item: Thread) -> str:
        return item.author.public_name

    def item_pubdate(self, item: Thread):
        return item.created_at

    def item_updateddate(self, item: Thread):
        return item.last_activity_at

    def item_categories(self, item: Thread):
        return [item.category.name]


class CategoryQuestionsFeed(LatestQuestionsFeed):
    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Category) -> str:
        return obj.description or super().subtitle()

    def items(self, obj: Category):
        return _feed_threads(Thread.objects.filter(category=obj))
