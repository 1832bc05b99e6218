from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from forum import views
from forum.feeds import CategoryQuestionsFeed, LatestQuestionsFeed
from forum.sitemaps import SITEMAPS

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/follow/", views.category_follow, name="category-follow"),
    path("digest/", views.digest_settings, name="digest-settings"),
    path("digest/off/<str:token>/", views.digest_off, name="digest-off"),
    path("t/<int:thread_id>/", views.thread_redirect, name="thread-redirect"),
    path("t/<int:thread_id>/reply/", views.reply_create, name="reply-create"),
    path("t/<int:thread_id>/follow/", views.thread_follow, name="thread-follow"),
    path("t/<int:thread_id>/<slug:slug>/", views.thread_detail, name="thread"),
    path("ask/", views.thread_start, name="thread-start"),
    path("ask/similar/", views.thread_similar, name="thread-similar"),
    path("p/<int:post_id>/edit/", views.post_edit, name="post-edit"),
    path("p/<int:post_id>/withdraw/", views.post_withdraw, name="post-withdraw"),
    path("p/<int:post_id>/helpful/", views.vote, name="vote"),
    path("p/<int:post_id>/feature/", views.feature, name="feature"),
    path("unfollow/<str:token>/", views.email_unfollow, name="email-unfollow"),
    path("search/", views.search_view, name="search"),
    path("feeds/latest/", LatestQuestionsFeed(), name="feed-latest"),
    path("c/<slug:slug>/feed/", CategoryQuestionsFeed(), name="category-feed"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
