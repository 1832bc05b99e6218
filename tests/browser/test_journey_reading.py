"""Journey 5: a visitor searches, lands on the thread, logs in, follows it and marks an
answer helpful; at desktop and phone widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from forum.models import ThreadFollow
from forum.services import post_reply

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_visitor_searches_follows_the_thread_and_marks_an_answer_helpful(
    open_page, shot, thread_factory, member, outsider, user_factory, phone
):
    thread_factory(title="Which clinics offer a natural cycle frozen transfer?")
    thread = thread_factory(
        title="Bruising from heparin injections: what helped you?",
        body="My thighs are covered in bruises from the heparin. What made injecting easier?",
    )
    answer = post_reply(
        author=outsider,
        thread=thread,
        body="An ice cube on the spot first, and pressing (not rubbing) afterwards.",
    )

    page = open_page(phone=phone)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Words to look for").fill("heparin bruising")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".search-results")
    expect(results.get_by_role("heading")).to_have_count(1)
    shot(page, "search-results")
    results.get_by_role("link", name=thread.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)
    shot(page, "thread-as-visitor")

    page.get_by_role("region", name="Can you help?").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)

    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()

    post = page.locator(f"#post-{answer.pk}")
    post.get_by_role("button", name="This helped me").click()
    post = page.locator(f"#post-{answer.pk}")
    expect(post.get_by_role("button", name=re.compile("Helpful"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(post).to_contain_text("1 person found this helpful")
    shot(page, "followed-and-voted")
