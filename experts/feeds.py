"""Atom feed of published expert articles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from experts.models import Article

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    link = "/articles/"

    def title(self) -> str:
        return f"{settings.SITE_NAME}: articles by verified experts"

    def subtitle(self) -> str:
        return "Longer pieces by volunteer experts, read by a moderator first. Not medical advice."

    def items(self):
        return (
            Article.objects.published()
            .select_related("author", "category", "disclaimer")
            .order_by("-published_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return f"{item.summary}\n\n{item.disclaimer_text}"

    def item_author_name(self, item: Article) -> str:
        # The professional name only: never the member account behind it.
        return item.author.public_name

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.edited_at or item.published_at

    def item_categories(self, item: Article):
        return [item.category.name]
