"""Moderation pages for members: report a post, resubmit, appeal, notices, crisis support."""

from django.urls import path

from moderation import views

app_name = "moderation-member"

urlpatterns = [
    path("p/<int:post_id>/report/", views.flag_create, name="flag"),
    path("p/<int:post_id>/resubmit/", views.post_resubmit, name="resubmit"),
    path("appeals/<int:action_id>/", views.appeal_create, name="appeal"),
    path("notices/", views.notice_list, name="notices"),
    path("support/", views.help_page, {"kind": "crisis"}, name="crisis-support"),
    path("urgent/", views.help_page, {"kind": "urgent"}, name="urgent-care"),
]
