from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("u/<str:username>/", views.profile, name="profile"),
    path("accounts/profile/", views.profile_edit, name="profile-edit"),
    path("accounts/export/", views.data_export, name="export"),
    path("accounts/delete/", views.account_delete, name="delete"),
]
