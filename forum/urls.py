from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("t/<int:thread_id>/", views.thread_redirect, name="thread-redirect"),
    path("t/<int:thread_id>/reply/", views.reply_create, name="reply-create"),
    path("t/<int:thread_id>/<slug:slug>/", views.thread_detail, name="thread"),
    path("ask/", views.thread_start, name="thread-start"),
]
