"""Apply at /experts/apply/, get verified by staff in the admin, answer with the disclaimer."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from accounts.models import ExpertProfile
from forum.models import Post
from moderation.models import ModerationAction

pytestmark = pytest.mark.django_db

APPLICATION = {
    "professional_name": "Priya Shah",
    "title": "Fertility Pharmacist",
    "organisation": "Northgate Hospital Pharmacy",
    "speciality": "Medicines in pregnancy",
    "registration_number": "GPhC 2034567",
    "evidence": "https://register.example.org/2034567 and my staff page.",
    "confirm": "on",
}

CHANGELIST = reverse("admin:accounts_expertprofile_changelist")


def _admin_decision(client, profile, action: str, reason: str, capture):
    """Choose the action in the changelist, then confirm it with a reason on the next page."""
    first = client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [profile.pk]})
    assert first.status_code == HTTPStatus.OK
    assert "Reason" in first.content.decode()
    with capture(execute=True):
        second = client.post(
            CHANGELIST,
            {
                "action": action,
                ACTION_CHECKBOX_NAME: [profile.pk],
                "reason": reason,
                "confirm": "yes",
            },
        )
    assert second.status_code == HTTPStatus.FOUND
    profile.refresh_from_db()
    return profile


def test_a_member_applies_is_verified_in_the_admin_and_answers_with_the_disclaimer(
    client, user_factory, admin_user, thread, django_capture_on_commit_callbacks
):
    applicant = user_factory(username="priya", display_name="Priya Shah")
    client.force_login(applicant)

    response = client.post(reverse("experts:apply"), {**APPLICATION})
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(reverse("experts:apply"))
    assert "Your application is waiting for review" in page.content.decode()
    profile = ExpertProfile.objects.get(user=applicant)
    assert profile.status == ExpertProfile.Status.APPLIED
    assert not profile.is_prescriber
    assert "No verified experts yet." in client.get(reverse("experts:list")).content.decode()

    client.force_login(admin_user)
    profile = _admin_decision(
        client,
        profile,
        "verify_selected",
        "Checked the register entry.",
        django_capture_on_commit_callbacks,
    )
    assert profile.status == ExpertProfile.Status.VERIFIED
    assert profile.reviewed_by == admin_user
    assert profile.reviewed_at is not None

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]
    assert "verified expert" in mail.outbox[0].subject
    assert "Checked the register entry." in mail.outbox[0].body
    audit = ModerationAction.objects.get(action="verify_expert")
    assert audit.actor == admin_user
    assert audit.target_id == str(profile.pk)
    assert audit.reason == "Checked the register entry."
    assert (audit.before, audit.after) == ("applied", "verified")

    listing = client.get(reverse("experts:list")).content.decode()
    assert "Priya Shah" in listing
    assert "Fertility Pharmacist" in listing
    assert "Northgate Hospital Pharmacy" in listing
    assert "Not a prescriber" in listing

    client.force_login(applicant)
    response = client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": "Waiting is hard. Many people find a distraction plan helps in the last days."},
    )
    assert response.status_code == HTTPStatus.FOUND
    answer = Post.objects.get(author=applicant)
    assert answer.is_expert_answer
    assert answer.disclaimer is not None

    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'badge-expert">Verified expert<' in page
    assert "Fertility Pharmacist, Northgate Hospital Pharmacy" in page
    assert "Not medical advice." in page
    assert "Priya Shah is not a physician and cannot advise on prescribed treatment." in page


def test_staff_reject_with_a_reason_and_the_applicant_may_apply_again(
    client, user_factory, admin_user, django_capture_on_commit_callbacks
):
    applicant = user_factory(display_name="Sam Jones")
    client.force_login(applicant)
    client.post(reverse("experts:apply"), {**APPLICATION})
    profile = ExpertProfile.objects.get(user=applicant)

    client.force_login(admin_user)
    profile = _admin_decision(
        client,
        profile,
        "reject_selected",
        "We could not find you on the register.",
        django_capture_on_commit_callbacks,
    )
    assert profile.status == ExpertProfile.Status.REJECTED
    assert mail.outbox[-1].to == [applicant.email]
    assert "We could not find you on the register." in mail.outbox[-1].body
    assert ModerationAction.objects.filter(action="reject_expert", target_id=profile.pk).exists()

    client.force_login(applicant)
    page = client.get(reverse("experts:apply")).content.decode()
    assert "We could not verify your last application" in page
    assert "We could not find you on the register." in page
    response = client.post(
        reverse("experts:apply"), {**APPLICATION, "evidence": "New register link."}
    )
    assert response.status_code == HTTPStatus.FOUND
    profile.refresh_from_db()
    assert profile.status == ExpertProfile.Status.APPLIED
    assert profile.evidence == "New register link."
    assert profile.reviewed_by is None


def test_staff_revoke_a_verified_expert_who_then_answers_as_a_member(
    client, expert, admin_user, thread, django_capture_on_commit_callbacks
):
    profile = expert.expert_profile
    client.force_login(admin_user)
    profile = _admin_decision(
        client,
        profile,
        "revoke_selected",
        "Registration lapsed.",
        django_capture_on_commit_callbacks,
    )
    assert profile.status == ExpertProfile.Status.REVOKED
    assert "withdrawn" in mail.outbox[-1].subject
    assert "Registration lapsed." in mail.outbox[-1].body
    assert ModerationAction.objects.filter(action="revoke_expert").count() == 1

    client.force_login(expert)
    client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": "Sending you good wishes for Friday."},
    )
    answer = Post.objects.get(author=expert)
    assert not answer.is_expert_answer
    assert answer.disclaimer is None
    page = client.get(reverse("experts:apply")).content.decode()
    assert "Your verified expert status was withdrawn" in page
    assert 'name="title"' not in page


def test_the_decision_page_asks_for_a_reason_and_changes_nothing_without_one(
    client, user_factory, admin_user
):
    applicant = user_factory(display_name="A.P.")
    profile = ExpertProfile.objects.create(
        user=applicant, professional_name="Ann Perry", title="Nurse", organisation="Clinic"
    )
    client.force_login(admin_user)
    asks = client.post(
        CHANGELIST, {"action": "verify_selected", ACTION_CHECKBOX_NAME: [profile.pk]}
    )
    # Staff see the registered name they check against the register, and the account's.
    assert "Ann Perry, Nurse, Clinic · account A.P." in asks.content.decode()
    assert "kept apart in public" in asks.content.decode()
    response = client.post(
        CHANGELIST,
        {
            "action": "verify_selected",
            ACTION_CHECKBOX_NAME: [profile.pk],
            "reason": "",
            "confirm": "yes",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "This field is required." in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == ExpertProfile.Status.APPLIED
    assert not mail.outbox
    assert not ModerationAction.objects.exists()


def test_staff_cannot_set_the_status_on_the_change_form(client, expert, admin_user):
    profile = expert.expert_profile
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_expertprofile_change", args=[profile.pk]))
    assert page.status_code == HTTPStatus.OK
    assert 'name="status"' not in page.content.decode()


def test_applying_needs_a_login_and_the_confirmation(client, member):
    response = client.get(reverse("experts:apply"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response["Location"]

    client.force_login(member)
    response = client.post(reverse("experts:apply"), {**APPLICATION, "confirm": "", "title": ""})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Please tick this box to apply." in response.content.decode()
    assert not ExpertProfile.objects.exists()


def test_a_person_can_be_both_a_verified_expert_and_a_moderator(expert, thread, login, enable_totp):
    expert.is_moderator = True
    expert.save(update_fields=["is_moderator"])
    enable_totp(expert)
    client = login(expert)
    assert expert.can_moderate and expert.is_expert
    client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": "Sending you good wishes for Friday."},
    )
    assert Post.objects.get(author=expert).disclaimer is not None


def test_the_experts_page_lists_only_verified_experts_in_fixed_queries(
    client, expert, prescriber, user_factory, django_assert_max_num_queries
):
    for n in range(5):
        ExpertProfile.objects.create(
            user=user_factory(display_name=f"Applicant {n}"), title="Nurse", organisation="X"
        )
    with django_assert_max_num_queries(4):
        page = client.get(reverse("experts:list")).content.decode()
    assert "Daniel Marsh" in page
    assert "Dr Claire Donnelly" in page
    assert "Licensed prescriber" in page
    assert "Applicant 1" not in page
