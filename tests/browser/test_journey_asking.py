"""Journeys 1 and 2: a newcomer asks about stopping a medicine; a verified expert answers."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "a-long-unusual-passphrase"
HEPARIN_TITLE = "Should I stop my heparin injections at 21 weeks?"
HEPARIN_BODY = (
    "I am 21 weeks pregnant after IVF and have injected heparin every evening since the "
    "transfer. The bruises are getting worse. Should I stop the heparin now or keep going?"
)


def _confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    assert match, f"no confirmation link in: {message.body}"
    return match.group(1)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_newcomer_signs_up_and_asking_to_stop_a_medicine_is_sent_to_her_prescriber(
    open_page, shot, category, phone
):
    page = open_page(phone=phone)
    page.goto("/")
    shot(page, "home")

    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Display name").fill("N.W.")
    page.get_by_label("Location (optional)").fill("Cork, Ireland")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    shot(page, "signup")
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")
    shot(page, "check-your-email")

    # The live server runs in this process, so its e-mail lands in the test outbox.
    assert [m.to for m in mail.outbox] == [["newcomer@example.com"]]
    page.goto(_confirmation_path(mail.outbox[0]))
    shot(page, "confirm-email")
    page.get_by_role("button", name="Confirm").click()

    page.get_by_role("link", name="Ask a question").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    page.get_by_label("Category").select_option(label=category.name)
    page.get_by_label("Your question in one line").fill(HEPARIN_TITLE)
    page.get_by_label("Details").fill(HEPARIN_BODY)
    shot(page, "ask")
    page.get_by_role("button", name="Post your question").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(HEPARIN_TITLE)
    notice = page.locator(".notice-rx").first
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(re.compile("prescrib", re.I))
    expect(page.get_by_text("N.W.").first).to_be_visible()
    shot(page, "thread-with-prescriber-notice")


def test_a_verified_expert_answers_a_prescription_question_and_the_disclaimer_shows(
    open_page, shot, thread_factory, member, expert
):
    thread = thread_factory(author=member, title=HEPARIN_TITLE, body=HEPARIN_BODY)
    thread.refresh_from_db()
    assert thread.is_prescription_question

    page = open_page(user=expert)
    page.goto(thread.get_absolute_url())
    expect(page.locator("#expert-guidance")).to_contain_text("Before you answer")
    page.get_by_role("textbox", name="Your answer").fill(
        "Heparin is a blood thinner that clinics often prescribe after IVF to support blood "
        "flow to the placenta. Bruising where you inject is common: changing sites and "
        "holding gentle pressure afterwards helps many people. The doctor who prescribed it "
        "knows why it was chosen for you, so please talk to them about the bruising."
    )
    shot(page, "guidance-and-answer")

    # The acknowledgement is checked by the server, not only by the browser.
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".error").first).to_contain_text("Please confirm")
    page.get_by_label("My answer does not advise stopping").check()
    shot(page, "acknowledged")
    page.get_by_role("button", name="Post your answer").click()

    answer = page.locator("article.post-expert").filter(has_text="Bruising where you inject")
    expect(answer).to_be_visible()
    expect(answer.get_by_text("Verified expert")).to_be_visible()
    disclaimer = answer.locator(".disclaimer")
    expect(disclaimer).to_contain_text(re.compile("not medical advice", re.I))
    expect(disclaimer).to_contain_text(re.compile("not a (physician|prescriber)", re.I))
    shot(page, "answer-with-disclaimer")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_member_with_a_fever_at_23_weeks_is_told_to_call_before_and_after_posting(
    open_page, shot, category, member, phone
):
    # Written flat, as tired people write: the model alone scored it .01; a red flag finds it.
    title = "Temperature at 23 weeks"
    body = "I'm 23 weeks pregnant with a fever, I've taken paracetamol. Should I go to the doctor?"
    page = open_page(phone=phone, user=member)
    page.goto("/")
    page.get_by_role("link", name="Ask a question").first.click()
    page.get_by_label("Category").select_option(label=category.name)
    page.get_by_label("Your question in one line").fill(title)
    page.get_by_label("Details").fill(body)
    page.get_by_role("button", name="Preview").click()
    banner = page.locator(".urgent-help").first
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Please call for medical advice now")
    # She is in Leeds: the UK's numbers, with buttons a thumb can press.
    expect(banner.get_by_role("link", name="Call 999")).to_be_visible()
    shot(page, "preview-with-call-now-banner")

    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".urgent-help").first).to_contain_text("Please call for medical advice now")
    expect(page.get_by_text("Your question has been posted.")).to_have_count(0)
    shot(page, "thread-with-call-now-banner")
