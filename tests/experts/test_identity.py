"""Two identities, never joined in public: a member's pseudonym and an expert's registered name.

The journey from issue 17: a member who asked about her IVF and her heparin under two
initials becomes an expert. No page, feed, search result, sitemap or e-mail may tie her
professional name to her questions, unless she chose to link them after a warning.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import ExpertProfile
from experts.forms import LINK_WARNING
from experts.verification import verify_expert
from forum.models import Post
from forum.services import follow_thread, post_reply, start_thread
from moderation.disclaimers import current_disclaimer

pytestmark = pytest.mark.django_db

PRO_NAME = "Dr Helen Price"
PRO_TITLE = "Clinical Pharmacist"
PRO_ORG = "Bristol Royal Infirmary"
HER_QUESTION = "Heavy bleeding on heparin after my second IVF transfer, is that normal?"
EXPERT_ANSWER = (
    "Heparin thins the blood a little, so bruising is common, but bleeding after a transfer "
    "always needs a call to your clinic today. They know your history and can check you."
)
APPLICATION = {
    "professional_name": PRO_NAME,
    "title": PRO_TITLE,
    "organisation": PRO_ORG,
    "speciality": "Medicines in pregnancy",
    "registration_number": "GPhC 2099999",
    "evidence": "https://register.example.org/2099999",
    "confirm": "on",
}


@pytest.fixture
def patient(user_factory, category):
    """'H.P.' has asked two health questions under her initials."""
    user = user_factory(username="hp", display_name="H.P.", location="Bristol, UK")
    start_thread(
        author=user,
        category=category,
        title=HER_QUESTION,
        body="I am on Clexane and bleeding more than I expected. I am frightened.",
    )
    start_thread(
        author=user,
        category=category,
        title="Our IVF clinic suggested NK cell testing",
        body="Has anyone had NK cell tests before a frozen transfer? Was it worth it?",
    )
    return user


def _verified_on(member, **fields) -> ExpertProfile:
    """A verified expert profile on the member's own account, as before the separation."""
    return ExpertProfile.objects.create(
        user=member,
        professional_name=PRO_NAME,
        title=PRO_TITLE,
        organisation=PRO_ORG,
        status=ExpertProfile.Status.VERIFIED,
        **fields,
    )


def _everything_public(client, category) -> dict[str, str]:
    """Every public page, feed and listing that names people, as an anonymous reader sees it."""
    pages = {
        "experts": reverse("experts:list"),
        "home": reverse("forum:home"),
        "category": category.get_absolute_url(),
        "search": reverse("forum:search") + "?q=heparin",
        "search-nk": reverse("forum:search") + "?q=NK+cell",
        "feed": reverse("forum:feed-latest"),
        "category-feed": reverse("forum:category-feed", kwargs={"slug": category.slug}),
        "article-feed": reverse("experts:article-feed"),
        "sitemap": reverse("forum:sitemap"),
    }
    for profile in ExpertProfile.objects.all():
        pages[f"expert-{profile.pk}"] = profile.get_absolute_url()
    for post in Post.objects.select_related("thread"):
        pages[f"thread-{post.thread_id}"] = post.thread.get_absolute_url()
        pages[f"author-{post.author_id}"] = reverse(
            "accounts:profile", kwargs={"username": post.author.username}
        )
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, (name, url)
        found[name] = response.content.decode()
    return found


def _post_html(page: str, post_id: int) -> str:
    start = page.index(f'id="post-{post_id}"')
    return page[start : page.index("</article>", start)]


def test_the_apply_page_recommends_a_separate_account_to_a_member_who_has_posted(client, patient):
    client.force_login(patient)
    page = client.get(reverse("experts:apply")).content.decode()

    assert "Recommended: a separate expert account" in page
    assert "Log out and create an expert account" in page
    assert str(LINK_WARNING) in page
    assert f'value="{reverse("account_signup")}?next={reverse("experts:apply")}"' in page


def test_the_recommended_path_logs_her_out_towards_signing_up_a_new_account(client, patient):
    client.force_login(patient)
    page = client.get(reverse("experts:apply")).content.decode()
    assert "Log out and create an expert account" in page

    response = client.post(
        reverse("account_logout"),
        {"next": f"{reverse('account_signup')}?next={reverse('experts:apply')}"},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('account_signup')}?next={reverse('experts:apply')}"
    assert "_auth_user_id" not in client.session


def test_by_the_recommended_path_no_public_page_ties_her_questions_to_her_expert_name(
    client, patient, category, admin_user, django_capture_on_commit_callbacks
):
    her_thread = patient.threads.get(title=HER_QUESTION)
    follow_thread(thread=her_thread, user=patient)
    # From her member account she takes the recommended path: log out, sign up again with
    # her work e-mail, confirm it, and come back to the apply page.
    client.force_login(patient)
    apply_url = reverse("experts:apply")
    signup = client.post(
        reverse("account_logout"), {"next": f"{reverse('account_signup')}?next={apply_url}"}
    )
    signed_up = client.post(
        signup["Location"],
        {
            "email": "h.price@nhs.example",
            "display_name": "HPW",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert signed_up.status_code == HTTPStatus.FOUND
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    confirmed = client.post(link.group(1))
    assert confirmed["Location"] == apply_url
    work = type(patient).objects.get(email="h.price@nhs.example")
    assert work.pk != patient.pk and client.session["_auth_user_id"] == str(work.pk)
    mail.outbox.clear()
    page = client.get(apply_url).content.decode()
    assert "This account has not posted anything yet" in page
    assert str(LINK_WARNING) not in page
    assert client.post(reverse("experts:apply"), APPLICATION).status_code == HTTPStatus.FOUND
    profile = ExpertProfile.objects.get(user=work)
    assert (profile.professional_name, profile.linked_to_member) == (PRO_NAME, False)
    with django_capture_on_commit_callbacks(execute=True):
        verify_expert(profile=profile, staff=admin_user, reason="Register entry checked.")
    (verified,) = [m for m in mail.outbox if m.to == [work.email]]
    assert verified.body.startswith(f"Hello {PRO_NAME},") and "HPW" not in verified.body
    work.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=work, thread=her_thread, body=EXPERT_ANSWER)

    client.logout()
    pages = _everything_public(client, category)

    expert_page = pages[f"expert-{profile.pk}"]
    assert PRO_NAME in expert_page and PRO_TITLE in expert_page
    assert HER_QUESTION in expert_page  # the answer she gave, listed on her expert page
    thread_page = pages[f"thread-{her_thread.pk}"]
    assert PRO_NAME in thread_page
    assert f'href="{profile.get_absolute_url()}"' in thread_page
    # On her own thread both names appear, as two different people: her question under
    # her initials, the answer under the professional name, linking to the expert page.
    answer = Post.objects.get(author=work)
    answer_html = _post_html(thread_page, answer.pk)
    assert PRO_NAME in answer_html
    assert "H.P." not in answer_html and "/u/" not in answer_html
    # The expert account's own member page lists nothing written as the expert...
    assert PRO_NAME not in pages[f"author-{work.pk}"]
    assert HER_QUESTION not in pages[f"author-{work.pk}"]
    for name, html in pages.items():
        # ...and its pseudonym and username are never shown with her work.
        if name != f"author-{work.pk}":
            assert "HPW" not in html and f"/u/{work.username}/" not in html, name
        if PRO_NAME in html and name != f"thread-{her_thread.pk}":
            assert "/u/hp/" not in html and "H.P." not in html, name
            assert "NK cell" not in html, name
    assert PRO_NAME not in pages[f"author-{patient.pk}"]
    # Her own new-answer e-mail names the expert, and nothing else about either account.
    (message,) = [m for m in mail.outbox if patient.email in m.to]
    assert PRO_NAME in message.body and "HPW" not in message.body
    # Her member account's data export holds nothing of the expert account.
    client.force_login(patient)
    export = json.dumps(client.get(reverse("accounts:export")).json())
    assert PRO_NAME not in export and PRO_ORG not in export


def test_an_expert_verified_on_her_member_account_is_still_never_joined_to_it_in_public(
    client, patient, category, user_factory
):
    # Verified before the separation existed (the migration leaves her unlinked).
    profile = _verified_on(patient)
    other = start_thread(
        author=user_factory(display_name="Q."),
        category=category,
        title="Progesterone pessaries and spotting",
        body="Is spotting on pessaries common?",
    )
    her = type(patient).objects.get(pk=patient.pk)  # a fresh row: her expert status is new
    answer = post_reply(author=her, thread=other, body=EXPERT_ANSWER)
    assert answer.disclaimer_id is not None

    pages = _everything_public(client, category)

    thread_page = pages[f"thread-{other.pk}"]
    assert PRO_NAME in thread_page
    assert f"{PRO_NAME} is not a physician" in thread_page
    assert "H.P." not in thread_page and "Bristol, UK" not in thread_page
    assert "/u/hp/" not in thread_page
    expert_page = pages[f"expert-{profile.pk}"]
    assert "H.P." not in expert_page and "/u/hp/" not in expert_page
    assert HER_QUESTION not in expert_page
    her_page = pages[f"author-{patient.pk}"]
    assert HER_QUESTION in her_page
    assert PRO_NAME not in her_page and "Progesterone pessaries" not in her_page
    for name, html in pages.items():
        if PRO_NAME in html:
            assert "H.P." not in html and "/u/hp/" not in html, name


def test_she_can_link_the_two_only_after_ticking_the_warning_and_her_consent_is_kept(
    client, patient
):
    client.force_login(patient)

    refused = client.post(reverse("experts:apply"), APPLICATION)
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert "please tick that you want the two linked" in refused.content.decode()
    assert not ExpertProfile.objects.filter(user=patient).exists()

    response = client.post(reverse("experts:apply"), {**APPLICATION, "link_consent": "on"})

    assert response.status_code == HTTPStatus.FOUND
    profile = ExpertProfile.objects.get(user=patient)
    assert profile.linked_to_member
    assert profile.link_consented_at is not None
    assert profile.link_consent_text == str(LINK_WARNING)
    assert profile.professional_name == PRO_NAME


def test_a_linked_expert_page_and_her_member_page_point_at_each_other(client, patient, admin_user):
    client.force_login(patient)
    client.post(reverse("experts:apply"), {**APPLICATION, "link_consent": "on"})
    profile = ExpertProfile.objects.get(user=patient)
    verify_expert(profile=profile, staff=admin_user, reason="Checked.")
    client.logout()

    page = client.get(profile.get_absolute_url()).content.decode()

    assert PRO_NAME in page
    assert 'href="/u/hp/"' in page
    # ...and the other way round, as the warning she agreed to says.
    member_page = client.get(reverse("accounts:profile", args=["hp"])).content.decode()
    assert (
        f'Also answers as a verified expert: <a href="{profile.get_absolute_url()}">' in member_page
    )


def test_an_expert_verified_before_names_were_asked_shows_as_a_verified_expert(
    client, member, thread, admin_user, user_factory, django_capture_on_commit_callbacks
):
    legacy = user_factory(username="old", display_name="O.L.")
    ExpertProfile.objects.create(
        user=legacy, title="Embryologist", organisation="Lab", status="verified"
    )
    follow_thread(thread=thread, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=legacy, thread=thread, body=EXPERT_ANSWER)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "A verified expert" in page and "Embryologist, Lab" in page
    assert "O.L." not in page
    (email,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "A verified expert answered a question you follow" in email.body
    assert "(verified expert)" not in email.body and "O.L." not in email.body
    assert "A verified expert is not a physician" in email.body
    client.force_login(legacy)
    dashboard = client.get(reverse("experts:dashboard")).content.decode()
    assert "Your registered name is missing" in dashboard


def test_a_question_she_asked_while_verified_stays_a_members_question(
    client, patient, category, user_factory
):
    _verified_on(patient)
    her = type(patient).objects.get(pk=patient.pk)
    asked = start_thread(
        author=her,
        category=category,
        title="Spotting at seven weeks after a frozen transfer",
        body="Light brown spotting since yesterday. Is this common at seven weeks?",
    )
    question = asked.posts.get(is_question=True)
    assert question.disclaimer_id is None  # not asked as an expert
    # Questions stamped before experts could keep the two apart show no expert marks either.
    Post.objects.filter(pk=question.pk).update(disclaimer=current_disclaimer())

    for url in (asked.get_absolute_url(), reverse("forum:feed-latest")):
        page = client.get(url).content.decode()
        assert "H.P." in page
        assert PRO_NAME not in page and PRO_TITLE not in page
        assert "not a physician" not in page and "badge-expert" not in page


def test_staff_cannot_link_an_expert_to_her_member_account_in_the_admin(client, admin_user, expert):
    profile = expert.expert_profile
    client.force_login(admin_user)
    url = reverse("admin:accounts_expertprofile_change", args=[profile.pk])
    response = client.post(
        url,
        {
            "user": expert.pk,
            "professional_name": profile.professional_name,
            "title": profile.title,
            "organisation": profile.organisation,
            "linked_to_member": "on",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "Only the expert can link their profile" in response.content.decode()
    profile.refresh_from_db()
    assert not profile.linked_to_member


def test_the_report_page_names_an_expert_answer_as_the_thread_page_does(
    client, patient, thread, outsider
):
    # Verified on her member account before the separation (the migration left her unlinked).
    _verified_on(patient)
    her = type(patient).objects.get(pk=patient.pk)
    answer = post_reply(author=her, thread=thread, body=EXPERT_ANSWER)
    client.force_login(outsider)

    page = client.get(reverse("moderation-member:flag", args=[answer.pk])).content.decode()

    assert f"Answer by {PRO_NAME} in" in page
    assert "H.P." not in page and "/u/hp/" not in page


def test_staff_may_unlink_an_expert_but_not_link_her_again_on_her_old_agreement(
    client, admin_user, patient
):
    profile = _verified_on(patient, linked_to_member=True, link_consent_text=str(LINK_WARNING))
    client.force_login(admin_user)
    url = reverse("admin:accounts_expertprofile_change", args=[profile.pk])
    form = {
        "user": patient.pk,
        "professional_name": PRO_NAME,
        "title": PRO_TITLE,
        "organisation": PRO_ORG,
    }

    unlinked = client.post(url, form)  # she asked to be unlinked

    assert unlinked.status_code == HTTPStatus.FOUND
    profile.refresh_from_db()
    assert not profile.linked_to_member
    assert profile.link_consent_text == str(LINK_WARNING)  # the record stays
    relinked = client.post(url, {**form, "linked_to_member": "on"})
    assert relinked.status_code == HTTPStatus.OK
    assert "Only the expert can link their profile" in relinked.content.decode()
    profile.refresh_from_db()
    assert not profile.linked_to_member
