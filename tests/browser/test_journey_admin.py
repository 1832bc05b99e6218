"""Journey 4: a nurse applies to be an expert; an admin verifies her in the Django admin."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.models import ExpertProfile
from forum.services import post_reply
from tests.security.support import enable_totp, totp_code

pytestmark = pytest.mark.browser


def test_an_admin_verifies_an_expert_application_in_the_django_admin(
    open_page, shot, admin_user, user_factory
):
    nurse = user_factory(username="nina", display_name="Nina Okafor")
    applying = open_page(user=nurse)
    applying.goto("/experts/apply/")
    applying.get_by_label("Your name as registered").fill("Nina Okafor")
    applying.get_by_label("Job title").fill("Fertility Nurse Specialist")
    applying.get_by_label("Organisation").fill("Harbour IVF Clinic")
    applying.get_by_label("Anything that helps us check").fill(
        "My staff page: https://example.org/staff/nina-okafor"
    )
    applying.get_by_label("I confirm these details are true").check()
    shot(applying, "apply")
    applying.get_by_role("button", name="Send my application").click()
    expect(applying.get_by_text("Your application is waiting for review")).to_be_visible()
    shot(applying, "applied")

    # Staff log in through the site's login with their authenticator app, then reach the admin.
    secret = enable_totp(admin_user)
    page = open_page()
    page.goto("/admin/")
    page.get_by_label("Email").fill(admin_user.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code(secret))
    shot(page, "two-factor-code")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    shot(page, "admin-home")

    page.get_by_role("link", name="Expert profiles").first.click()
    row = page.get_by_role("row").filter(has_text="Nina Okafor")
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Verify selected applications")
    shot(page, "application-list")
    page.get_by_role("button", name="Go").click()
    page.get_by_label("Reason").fill("Checked the clinic's staff page and the NMC register.")
    shot(page, "reason")
    page.get_by_role("button", name="Verify selected applications").click()
    expect(page.locator(".messagelist")).to_contain_text("1 expert profile updated")
    shot(page, "verified")

    profile = ExpertProfile.objects.get(user=nurse)
    assert profile.status == ExpertProfile.Status.VERIFIED
    assert profile.reviewed_by == admin_user

    page.goto("/experts/")
    expect(page.get_by_text("Nina Okafor").first).to_be_visible()
    expect(page.get_by_text("Fertility Nurse Specialist").first).to_be_visible()
    shot(page, "experts-list")


def test_an_admin_reads_a_post_in_the_admin_and_moderates_it_on_the_moderation_page(
    open_page, shot, admin_user, thread, outsider
):
    answer = post_reply(author=outsider, thread=thread, body="Mine took about twenty minutes.")
    secret = enable_totp(admin_user)
    page = open_page()
    page.goto(f"/admin/forum/post/{answer.pk}/change/")
    page.get_by_label("Email").fill(admin_user.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_text("Mine took about twenty minutes.").first).to_be_visible()
    expect(page.locator("select[name=status], textarea[name=body]")).to_have_count(0)
    shot(page, "post-in-admin")
    page.get_by_role("link", name="Moderate this post").click()
    expect(page).to_have_url(re.compile(rf"/moderation/posts/{answer.pk}/$"))
    expect(page.get_by_role("button", name="Remove").first).to_be_visible()
    shot(page, "moderation-page")
