from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import CleanTextMixin, validate_single_line
from forum.forms import BODY_MAX
from moderation.models import ACTION_WORDS, Flag
from moderation.services import USER_FLAG_REASONS

NOTE_MAX = 2000


class FlagForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=[(value, Flag.Reason(value).label) for value in USER_FLAG_REASONS],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything the moderators should know? (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the moderators see this."),
    )


class ConfirmForm(forms.Form):
    """An action that needs nothing but the button."""


class OptionalReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=NOTE_MAX,
        validators=[validate_single_line],
    )


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=NOTE_MAX,
        validators=[validate_single_line],
        help_text=_("The author sees this; for a removal, readers see it too."),
    )


class FeedbackForm(CleanTextMixin, forms.Form):
    feedback = forms.CharField(
        label=_("What should the author change?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RedactForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Text"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10})
    )
    reason = forms.CharField(
        label=_("Why are you editing it?"),
        max_length=NOTE_MAX,
        validators=[validate_single_line],
        help_text=_("The author sees this. The text before your edit is kept."),
    )


class WarnForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Warning to the member"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent by e-mail and shown on the site."),
    )


class SuspendForm(CleanTextMixin, forms.Form):
    until = forms.DateField(
        label=_("Suspended until (end of that day)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=NOTE_MAX,
        validators=[validate_single_line],
        help_text=_("The member reads this."),
    )

    def clean_until(self):
        day = self.cleaned_data["until"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date after today."), code="past")
        return timezone.make_aware(datetime.combine(day, time(23, 59)))


class ContactMemberForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the member"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Prepared with the numbers for her country; change anything you like."),
    )


class NotUrgentForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it not a crisis or not urgent?"),
        max_length=NOTE_MAX,
        help_text=_("Only moderators see this; it teaches the check."),
    )


class FeedbackResubmitForm(CleanTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Your question in one line"),
        required=False,
        max_length=160,
        validators=[validate_single_line],
    )
    body = forms.CharField(
        label=_("Your text"),
        min_length=2,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class AppealForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Why should the moderators look at this again?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A different moderator will decide. You can appeal each decision once."),
    )


class DecideAppealForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("Uphold: the decision stands")), ("overturn", _("Overturn it"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the member"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class BulkForm(CleanTextMixin, forms.Form):
    post_ids = forms.TypedMultipleChoiceField(coerce=int, label=_("Posts"))
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("remove", _("Remove"))])
    reason = forms.CharField(
        label=_("Reason for removal"),
        required=False,
        max_length=NOTE_MAX,
        validators=[validate_single_line],
    )

    def __init__(self, *args, queue_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post_ids"].choices = [(i, i) for i in queue_ids]
        self.fields["post_ids"].error_messages["required"] = _("Tick at least one post.")

    def clean(self):
        data = super().clean()
        if data.get("action") == "remove" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason; the authors and readers see it."))
        return data


class QueueFilterForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("Any reason")), *Flag.Reason.choices]
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("Any source")), *Flag.Source.choices]
    )


class LogFilterForm(CleanTextMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action"))]
        + sorted(((code, words) for code, words in ACTION_WORDS.items()), key=lambda c: str(c[1])),
    )
    actor = forms.ModelChoiceField(
        label=_("Who"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(moderation_actions__isnull=False).distinct()
        self.fields["actor"].queryset = users.order_by("display_name")
