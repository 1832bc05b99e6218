from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from experts.sitemaps import SITEMAPS as EXPERT_SITEMAPS
from forum import views as forum_views
from forum.sitemaps import SITEMAPS as FORUM_SITEMAPS

# Staff log in through allauth, so the admin cannot be a way around two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
# Staff without two-factor authentication are ordinary members here too (User.can_use_admin).
admin.site.has_permission = lambda request: (
    request.user.is_authenticated and request.user.can_use_admin
)

urlpatterns = [
    path("healthz", forum_views.healthz, name="healthz"),
    # The one sitemap, forum's and the experts' parts together (forum cannot import experts,
    # the floor above it); it shadows the same path in forum.urls, which robots.txt names.
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {**FORUM_SITEMAPS, **EXPERT_SITEMAPS}},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
    path("", include("community.urls")),
    path("", include("experts.urls")),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("moderation.member_urls")),
    path("", include("forum.urls")),
]

if settings.BENCH_ENDPOINTS:
    from config import bench

    urlpatterns.insert(0, path("bench/floor", bench.floor, name="bench-floor"))

handler404 = "forum.views.page_not_found"
