"""Similar questions while asking, in Chromium: with JavaScript they appear under the title as
she types; without it, Preview shows them. Either way a click opens a new tab and nothing she
typed is lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from forum.models import Category

pytestmark = pytest.mark.browser

TITLE = "Can I stop my Clexane at 22 weeks pregnant?"
BODY = "I have injected Clexane every evening since the transfer and the bruises are awful."


@pytest.fixture
def clexane_thread(thread_factory):
    pregnancy = Category.objects.create(name="Pregnancy", slug="pregnancy")
    return thread_factory(
        title="Clexane bruising after every injection",
        body="I am 20 weeks pregnant and my tummy is covered in bruises from Clexane.",
        category=pregnancy,
    )


def _fill(page, category):
    page.goto("/ask/")
    page.get_by_label("Category").select_option(label=category.name)
    page.get_by_label("Details").fill(BODY)
    page.get_by_label("Your question in one line").press_sequentially(TITLE, delay=5)


def test_similar_questions_appear_as_she_types_and_open_in_a_new_tab(
    open_page, shot, member, clexane_thread
):
    page = open_page(user=member)
    _fill(page, clexane_thread.category)
    link = page.locator("#similar-questions").get_by_role("link", name=clexane_thread.title)
    expect(link).to_be_visible()
    shot(page, "ask-similar-questions")
    with page.context.expect_page() as opened:
        link.click()
    other = opened.value
    other.wait_for_load_state()
    expect(other.get_by_role("heading", level=1)).to_have_text(clexane_thread.title)
    expect(page.get_by_label("Your question in one line")).to_have_value(TITLE)
    expect(page.get_by_label("Details")).to_have_value(BODY)


def test_without_javascript_preview_shows_similar_questions(
    open_page, shot, member, clexane_thread
):
    page = open_page(user=member, javascript=False)
    _fill(page, clexane_thread.category)
    expect(page.locator("#similar-questions")).to_be_empty()
    page.get_by_role("button", name="Preview").click()
    link = page.locator("#similar-questions").get_by_role("link", name=clexane_thread.title)
    expect(link).to_have_attribute("target", "_blank")
    expect(page.get_by_label("Your question in one line")).to_have_value(TITLE)
    expect(page.get_by_label("Details")).to_have_value(BODY)
    shot(page, "ask-similar-questions-preview")
