"""/sitemap.xml: categories and published threads."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from forum.models import Category, PostStatus, Thread


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.order_by("position", "pk")

    def lastmod(self, item: Category):
        return item.last_activity_at


class ThreadSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return (
            Thread.objects.filter(status=PostStatus.PUBLISHED)
            .only("id", "slug", "last_activity_at")
            .order_by("-id")
        )

    def lastmod(self, item: Thread):
        return item.last_activity_at


SITEMAPS = {"categories": CategorySitemap, "threads": ThreadSitemap}
