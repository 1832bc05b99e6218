"""Fixtures for verified experts, the disclaimer and prescription questions."""

from __future__ import annotations

import pytest

HEPARIN_TITLE = "21 weeks after IVF: can I stop my heparin injections now?"
HEPARIN_BODY = (
    "I'm 21 weeks pregnant after IVF and have injected Clexane every evening since the "
    "transfer. Could I just stop now? I'm so tired of the bruises."
)
ADVICE_TO_STOP = "You can stop the heparin now, you do not need it after 20 weeks."
SAFE_EXPERT_ANSWER = (
    "Heparin is an anticoagulant: it makes clots less likely. Teams prescribe it for "
    "different reasons, so please ask your obstetric team why it was prescribed for you."
)


@pytest.fixture
def prescriber(expert_factory):
    return expert_factory(
        username="claire",
        display_name="Dr Claire Donnelly",
        title="Consultant in Reproductive Medicine",
        organisation="Harbourside Women's Health Clinic",
        is_prescriber=True,
    )


@pytest.fixture
def rx_thread(thread_factory, member):
    """The heparin question, marked as a prescription question by the automatic check."""
    thread = thread_factory(author=member, title=HEPARIN_TITLE, body=HEPARIN_BODY)
    assert thread.is_prescription_question
    return thread
