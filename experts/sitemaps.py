"""Expert articles and expert profiles in /sitemap.xml (joined with forum's in config.urls)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from accounts.models import ExpertProfile
from experts.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return (
            Article.objects.published()
            .only("id", "slug", "published_at", "edited_at")
            .order_by("-id")
        )

    def lastmod(self, item: Article):
        return item.edited_at or item.published_at


class ExpertProfileSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return (
            ExpertProfile.objects.filter(
                status=ExpertProfile.Status.VERIFIED,
                user__is_active=True,
                user__deleted_at__isnull=True,
            )
            .only("id")
            .order_by("pk")
        )


SITEMAPS = {"articles": ArticleSitemap, "experts": ExpertProfileSitemap}
