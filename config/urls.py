from django.contrib import admin
from django.urls import include, path

from forum import views as forum_views

urlpatterns = [
    path("healthz", forum_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("forum.urls")),
]

handler404 = "forum.views.page_not_found"
