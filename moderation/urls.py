"""Moderator pages under /moderation/ (every one of them moderators only)."""

from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("log/", views.log, name="log"),
    path("checks/", views.checks, name="checks"),
    path("bulk/", views.bulk_action, name="bulk"),
    path("posts/<int:post_id>/", views.post_review, name="post"),
    path("posts/<int:post_id>/<slug:action>/", views.post_action, name="post-action"),
    path("appeals/", views.appeal_list, name="appeals"),
    path("appeals/<int:appeal_id>/decide/", views.appeal_decide, name="appeal-decide"),
]
