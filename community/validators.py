"""Keep members pseudonymous: public names and places must not carry contact details."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from moderation.checks.contact_info import contact_spans

# More digits than this in a name reads as a phone number even when no format matches.
_MAX_DIGITS_IN_NAME = 6


def _contact_kinds(value: str) -> set[str]:
    kinds = {span.kind for span in contact_spans(value)}
    if "@" in value:
        kinds.add("email")
    if sum(char.isdigit() for char in value) > _MAX_DIGITS_IN_NAME:
        kinds.add("phone")
    return kinds


def validate_pseudonym(value: str) -> None:
    """A display name must not be (or contain) an e-mail address, phone number or address."""
    kinds = _contact_kinds(value)
    if "email" in kinds:
        raise ValidationError(
            _(
                "Your display name is shown to everyone, so it cannot look like an e-mail "
                'address. Please choose a pseudonym such as your initials, e.g. "T.C.".'
            ),
            code="looks_like_email",
        )
    if "phone" in kinds:
        raise ValidationError(
            _(
                "Your display name is shown to everyone, so it cannot look like a phone "
                "number. Please choose a pseudonym such as your initials."
            ),
            code="looks_like_phone",
        )
    if "address" in kinds:
        raise ValidationError(
            _("Your display name cannot contain a street address."), code="looks_like_address"
        )


def validate_public_location(value: str) -> None:
    """A location is a town or region, never a street address or contact details."""
    kinds = _contact_kinds(value)
    if "address" in kinds:
        raise ValidationError(
            _('Please give a town or region only (e.g. "Leeds, UK"), not a street address.'),
            code="looks_like_address",
        )
    if kinds:
        raise ValidationError(
            _("Your location is shown to everyone, so it cannot contain contact details."),
            code="contact_details",
        )
