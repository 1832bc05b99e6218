from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import CleanTextMixin, validate_single_line
from experts.videos import parse_video_url
from forum.models import Category

# Shown above the "link" choice and stored, word for word, with the expert's agreement.
LINK_WARNING = _(
    "If you link your expert profile to this account, everything this account has posted "
    "and will post (including your own health questions) becomes associated with your "
    "professional name: anyone reading your expert profile can follow it to this "
    "account, and the other way round. This cannot be undone by hiding posts later."
)


class ExpertApplicationForm(CleanTextMixin, forms.Form):
    """A member's application to answer as a verified expert (see experts.verification)."""

    professional_name = forms.CharField(
        label=_("Your name as registered"),
        max_length=120,
        validators=[validate_single_line],
        help_text=_(
            'Exactly as on your professional register, e.g. "Dr Anna Kowalski". Your expert '
            "answers and articles are shown under this name."
        ),
    )
    title = forms.CharField(
        label=_("Job title"),
        max_length=120,
        validators=[validate_single_line],
        help_text=_('As it appears on your staff page, e.g. "Fertility Nurse Specialist".'),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=160,
        validators=[validate_single_line],
        help_text=_("The clinic, hospital or university you work for."),
    )
    speciality = forms.CharField(
        label=_("Speciality (optional)"),
        max_length=160,
        required=False,
        validators=[validate_single_line],
        help_text=_('What you can help with, e.g. "embryo culture and grading".'),
    )
    is_prescriber = forms.BooleanField(
        label=_("I am licensed to prescribe medicines"),
        required=False,
        help_text=_(
            "Leave unticked if you are not. Your answers will then say that you cannot "
            "advise on prescribed treatment."
        ),
    )
    registration_number = forms.CharField(
        label=_("Professional registration number (optional)"),
        max_length=80,
        required=False,
        validators=[validate_single_line],
        help_text=_("Seen by staff only, to check the register."),
    )
    evidence = forms.CharField(
        label=_("Anything that helps us check"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Seen by staff only: links to your register entry or staff page, and how we can "
            "confirm it is you."
        ),
    )
    link_consent = forms.BooleanField(
        label=_(
            "I have read the warning above and I want my expert profile linked to this account."
        ),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm these details are true, and I will not advise anyone to stop or "
            "change a prescribed medicine on this forum."
        ),
        error_messages={"required": _("Please tick this box to apply.")},
    )

    def __init__(self, *args, needs_link_consent: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.needs_link_consent = needs_link_consent
        if needs_link_consent:
            self.fields["link_consent"].required = True
            self.fields["link_consent"].error_messages["required"] = _(
                "To apply from this account, please tick that you want the two linked. "
                "Otherwise, create a separate expert account (see above)."
            )
        else:
            del self.fields["link_consent"]


class ArticleForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160, validators=[validate_single_line])
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        empty_label=_("Choose a category"),
        help_text=_('The article is offered as "Further reading" on questions here.'),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        validators=[validate_single_line],
        help_text=_("One or two plain sentences: what a worried reader will learn."),
    )
    body = forms.CharField(
        label=_("Article"),
        min_length=200,
        max_length=40000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Markdown: *italic*, **bold**, lists, ## headings, [links](https://...). "
            "A moderator reads every article before it is published."
        ),
    )


class ArticleReviewForm(CleanTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Note to the author"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the article: say what to change."),
    )


class VideoForm(CleanTextMixin, forms.Form):
    url = forms.URLField(
        label=_("Link to the video"),
        max_length=300,
        assume_scheme="https",
        help_text=_("A YouTube or Vimeo link, e.g. https://www.youtube.com/watch?v=..."),
    )
    title = forms.CharField(
        label=_("What the video shows"),
        max_length=160,
        validators=[validate_single_line],
        help_text=_('A short title, e.g. "How a frozen embryo is thawed".'),
    )
    transcript = forms.CharField(
        label=_("Transcript or summary"),
        min_length=80,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Required, for readers who cannot watch or hear the video: what is said and shown."
        ),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        parse_video_url(url)  # raises a ValidationError that says what to fix
        return url


class ExpertSettingsForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories I answer in"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Questions in these come first. Choose none to see all categories alike."),
    )
    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly e-mail of questions waiting for an expert"), required=False
    )
