from django.urls import path

from experts import views
from experts.feeds import LatestArticlesFeed

app_name = "experts"

urlpatterns = [
    path("experts/", views.expert_list, name="list"),
    path("experts/apply/", views.expert_apply, name="apply"),
    path("experts/dashboard/", views.dashboard, name="dashboard"),
    path("experts/digest/off/<str:token>/", views.digest_off, name="digest-off"),
    path("experts/<int:profile_id>/", views.expert_profile, name="profile"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/new/", views.article_create, name="article-create"),
    path("articles/feed/", LatestArticlesFeed(), name="article-feed"),
    path("articles/review/", views.article_review_list, name="article-review-list"),
    path("articles/<int:article_id>/edit/", views.article_edit, name="article-edit"),
    path("articles/<int:article_id>/review/", views.article_review, name="article-review"),
    path("articles/<int:article_id>/<slug:slug>/", views.article_detail, name="article"),
    path("p/<int:post_id>/video/", views.video_edit, name="video-edit"),
]
