from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import Category

TITLE_MAX = 160
BODY_MAX = 20_000


class AskForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        empty_label=_("Choose a category"),
    )
    title = forms.CharField(
        label=_("Your question in one line"),
        min_length=10,
        max_length=TITLE_MAX,
        help_text=_('e.g. "Is spotting at 6 weeks after a frozen transfer common?"'),
    )
    body = forms.CharField(
        label=_("Details"),
        min_length=20,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Share what helps others answer. Please leave out full names, phone numbers and "
            "addresses. You can use Markdown: **bold**, *italic*, lists and links."
        ),
    )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        min_length=2,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Be kind. You can use Markdown: **bold**, *italic*, lists and links."),
    )
