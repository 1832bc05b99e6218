"""Input hygiene shared by every form: refuse text the site cannot store or show safely.

Use it in one of two ways:

    class AskForm(CleanTextMixin, forms.Form): ...          # every text field of the form
    body = forms.CharField(validators=[validate_storable_text])  # a single field

The mixin adds `validate_storable_text` to every `CharField` (and subclasses such as
`EmailField`) and gives fields without a `max_length` a generous one, so no form can
pass unbounded or unstorable text to the database. `validate_single_line` is for names
and other one-line fields where invisible direction or zero-width characters could be
used to impersonate someone.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# A fallback for text fields that do not say how long they may be.
DEFAULT_MAX_LENGTH = 20_000

# C0 and C1 control characters except tab, line feed and carriage return; the Unicode
# non-characters U+FFFE/U+FFFF; lone surrogates (which cannot be encoded as UTF-8).
_UNSTORABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Bidirectional overrides/isolates and zero-width characters: invisible, used to spoof names.
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LINE_BREAK_RE = re.compile("[\r\n\t\u2028\u2029\x85]")


def validate_storable_text(value: str) -> None:
    """Refuse NUL bytes, other control characters and broken Unicode."""
    if not isinstance(value, str):
        return
    match = _UNSTORABLE_RE.search(value)
    if match:
        char = match.group(0)
        description = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
        raise ValidationError(
            _(
                "This text contains an invisible control character (%(char)s) that cannot be "
                "saved. Please retype it or paste it as plain text."
            ),
            code="control_character",
            params={"char": description},
        )


def validate_single_line(value: str) -> None:
    """For names and other one-line fields: no line breaks, no invisible characters."""
    if not isinstance(value, str):
        return
    validate_storable_text(value)
    if _LINE_BREAK_RE.search(value):
        raise ValidationError(_("Please keep this to a single line."), code="line_break")
    # Also every other format character (Unicode category Cf): the Arabic letter mark (a
    # direction mark), the soft hyphen, the Mongolian vowel separator, invisible tag letters.
    if _INVISIBLE_RE.search(value) or any(unicodedata.category(char) == "Cf" for char in value):
        raise ValidationError(
            _("This contains invisible formatting characters; please type it plainly."),
            code="invisible_character",
        )
    if any(unicodedata.category(char) == "Co" for char in value):
        raise ValidationError(
            _("This contains private-use characters that most devices cannot show."),
            code="private_use_character",
        )


class CleanTextMixin:
    """Mix into a Form or ModelForm (before the Django base class)."""

    default_max_length = DEFAULT_MAX_LENGTH

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField):
                continue
            if validate_storable_text not in field.validators:
                field.validators.append(validate_storable_text)
            if field.max_length is None:
                field.max_length = self.default_max_length
                field.validators.append(MaxLengthValidator(self.default_max_length))
                field.widget.attrs.setdefault("maxlength", str(self.default_max_length))
