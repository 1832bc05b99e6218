from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.validators import validate_pseudonym, validate_public_location
from config.forms import CleanTextMixin, validate_single_line

DISPLAY_NAME_MAX = 60
LOCATION_MAX = 80


def _collapse_spaces(value: str) -> str:
    return " ".join(value.split())


class PseudonymFieldsMixin(CleanTextMixin):
    """The public name and place, shared by signup and the profile page."""

    def clean_display_name(self) -> str:
        name = _collapse_spaces(self.cleaned_data["display_name"])
        if len(name) < 2:
            raise forms.ValidationError(_("Please use at least 2 characters."), code="too_short")
        validate_pseudonym(name)
        return name

    def clean_location(self) -> str:
        location = _collapse_spaces(self.cleaned_data.get("location", ""))
        if location:
            validate_public_location(location)
        return location


def _display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX,
        validators=[validate_single_line],
        help_text=_(
            'Shown with everything you post, e.g. "T.C.". Please do not use your full name, '
            "e-mail address or phone number."
        ),
    )


def _location_field() -> forms.CharField:
    return forms.CharField(
        label=_("Location (optional)"),
        max_length=LOCATION_MAX,
        required=False,
        validators=[validate_single_line],
        help_text=_('A town or region, e.g. "Leeds, UK".'),
    )


class SignupExtraForm(PseudonymFieldsMixin, forms.Form):
    """Fields allauth's signup form gains: the public pseudonym and an optional place."""

    display_name = _display_name_field()
    location = _location_field()

    def clean(self):
        cleaned = super().clean()
        # allauth's signup form inherits from this one, so the e-mail is cleaned too.
        email = (cleaned.get("email") or "").lower()
        name = (cleaned.get("display_name") or "").lower()
        local_part = email.partition("@")[0]
        if name and local_part and name.replace(" ", "") == local_part:
            self.add_error(
                "display_name",
                forms.ValidationError(
                    _("Please choose a display name that is not the start of your e-mail address."),
                    code="matches_email",
                ),
            )
        return cleaned

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.location = self.cleaned_data.get("location", "")
        user.save(update_fields=["display_name", "location"])


class ProfileForm(PseudonymFieldsMixin, forms.Form):
    display_name = _display_name_field()
    location = _location_field()
    notify_on_answers = forms.BooleanField(
        label=_("E-mail me new answers in threads I follow"), required=False
    )


class AccountDeletionForm(CleanTextMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    withdraw_posts = forms.BooleanField(
        label=_("Also withdraw everything I have posted"),
        required=False,
        help_text=_(
            "Otherwise your questions and answers stay, shown as written by a deleted member, "
            "so the conversations still make sense to others."
        ),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your current password."), code="password_incorrect"
            )
        return password
