from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupExtraForm(forms.Form):
    """Fields allauth's signup form gains: the public pseudonym and an optional place."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_(
            'Shown with everything you post, e.g. "T.C.". Please do not use your full name.'
        ),
    )
    location = forms.CharField(
        label=_("Location (optional)"),
        max_length=80,
        required=False,
        help_text=_('e.g. "Leeds, UK".'),
    )

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please use at least 2 characters."), code="too_short")
        return name

    def clean_location(self) -> str:
        return " ".join(self.cleaned_data.get("location", "").split())

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.location = self.cleaned_data.get("location", "")
        user.save(update_fields=["display_name", "location"])
