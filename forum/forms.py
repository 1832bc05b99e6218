from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import CleanTextMixin, validate_single_line
from forum.models import Category

TITLE_MAX = 160
BODY_MAX = 20_000


class AskForm(CleanTextMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        empty_label=_("Choose a category"),
    )
    title = forms.CharField(
        label=_("Your question in one line"),
        min_length=10,
        max_length=TITLE_MAX,
        validators=[validate_single_line],
        help_text=_('e.g. "Is spotting at 6 weeks after a frozen transfer common?"'),
    )
    body = forms.CharField(
        label=_("Details"),
        min_length=20,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Share what helps others answer. Please leave out full names, phone numbers and "
            "addresses. Write @experts to ask our verified experts in particular. You can use "
            "Markdown: **bold**, *italic*, lists and links."
        ),
    )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class ReplyForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        min_length=2,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Be kind. You can use Markdown: **bold**, *italic*, lists and links."),
    )

    def __init__(self, *args, require_acknowledgement: bool = False, **kwargs):
        """`require_acknowledgement`: a verified expert answering a prescription question
        must confirm they will not advise the change (checked here, on the server)."""
        super().__init__(*args, **kwargs)
        if require_acknowledgement:
            self.fields["acknowledge"] = forms.BooleanField(
                label=_(
                    "My answer does not advise stopping, starting or changing a prescribed "
                    "medicine or its dose, and leaves that decision to the asker's prescriber."
                ),
                error_messages={
                    "required": _(
                        "Please confirm that your answer leaves decisions about the "
                        "prescription to the asker's prescriber."
                    )
                },
            )


class EditPostForm(CleanTextMixin, forms.Form):
    """Edit your own question (title and details) or answer (text only)."""

    title = forms.CharField(
        label=_("Your question in one line"),
        min_length=10,
        max_length=TITLE_MAX,
        validators=[validate_single_line],
    )
    body = forms.CharField(
        label=_("Text"),
        min_length=2,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("You can use Markdown. The earlier version is kept for the moderators."),
    )

    def __init__(self, *args, is_question: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_question:
            del self.fields["title"]

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())
