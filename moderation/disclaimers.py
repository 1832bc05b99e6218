"""The not-medical-advice wording stamped on every verified expert's post."""

from __future__ import annotations

from moderation.models import Disclaimer

DEFAULT_DISCLAIMER_TEXT = (
    "Not medical advice. This is general information from a volunteer expert who does not "
    "know your full history. Please talk to your own doctor, midwife or pharmacist before "
    "making any decision about your care, and never stop or change a prescribed medicine "
    "without the person who prescribed it."
)
DEFAULT_NON_PRESCRIBER_TEXT = "{name} is not a physician and cannot advise on prescribed treatment."


def current_disclaimer() -> Disclaimer:
    """The wording new expert posts are stamped with (a data migration seeds version 1)."""
    disclaimer = Disclaimer.objects.current()
    if disclaimer is None:
        disclaimer = Disclaimer.objects.create(
            text=DEFAULT_DISCLAIMER_TEXT, non_prescriber_text=DEFAULT_NON_PRESCRIBER_TEXT
        )
    return disclaimer
