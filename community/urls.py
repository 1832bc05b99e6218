from django.urls import path

from community import views

# The namespace stays "accounts": these are the member's account pages, and their URL
# names (accounts:profile, accounts:delete...) are used across the templates.
app_name = "accounts"

urlpatterns = [
    path("u/<str:username>/", views.profile, name="profile"),
    path("accounts/profile/", views.profile_edit, name="profile-edit"),
    path("accounts/export/", views.data_export, name="export"),
    path("accounts/delete/", views.account_delete, name="delete"),
]
