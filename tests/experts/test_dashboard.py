"""The expert's dashboard: what waits for them, in order, with a fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from experts.models import ExpertSettings
from forum.digest import make_digest_off_token as members_token
from forum.models import Category, HelpfulVote, Post, Thread
from forum.services import post_reply, start_thread, toggle_helpful

pytestmark = pytest.mark.django_db


@pytest.fixture
def loss(db):
    return Category.objects.create(name="Pregnancy loss", slug="pregnancy-loss")


def _titles(html: str, marker: str) -> list[str]:
    """Thread titles in the order a list (by its class) shows them."""
    start = html.index(marker)
    section = html[start : html.index("</ul>", start)]
    return [
        part.split("</a>")[0].split(">")[-1]
        for part in section.split('class="thread-title"><a ')[1:]
    ]


def test_questions_in_her_categories_come_first_unanswered_before_under_answered(
    client, expert, member, outsider, category, loss
):
    now = timezone.now()
    old_unanswered = start_thread(
        author=member, category=category, title="Embryo grading letters", body="What is 4AA?"
    )
    answered_by_member = start_thread(
        author=member, category=category, title="Assisted hatching", body="Worth it?"
    )
    post_reply(author=outsider, thread=answered_by_member, body="We had it, no idea if it helped.")
    elsewhere = start_thread(
        author=member, category=loss, title="Tests after two losses", body="What tests?"
    )
    expert_done = start_thread(
        author=member, category=category, title="Blastocyst day 5 or 6", body="Difference?"
    )
    post_reply(author=expert, thread=expert_done, body="Both can be good embryos.")
    newest_unanswered = start_thread(
        author=member, category=category, title="Frozen or fresh transfer", body="Which?"
    )
    Thread.objects.filter(pk=old_unanswered.pk).update(created_at=now - timedelta(days=3))
    ExpertSettings.objects.create(profile=expert.expert_profile).categories.set([category])
    client.force_login(expert)

    page = client.get(reverse("experts:dashboard")).content.decode()

    assert "Questions in your categories come first" in page
    assert _titles(page, "dashboard-waiting") == [
        newest_unanswered.title,
        old_unanswered.title,
        answered_by_member.title,
        elsewhere.title,
    ]


def test_prescription_and_urgent_questions_are_marked(client, expert, member, category):
    start_thread(
        author=member,
        category=category,
        title="Can I stop my heparin injections now?",
        body="I'm 21 weeks after IVF on Clexane. Can I just stop the injections now?",
    )
    start_thread(
        author=member,
        category=category,
        title="Heavy bleeding at 21 weeks",
        body="I started bleeding heavily an hour ago, bright red with clots, and severe pain.",
    )
    client.force_login(expert)

    page = client.get(reverse("experts:dashboard")).content.decode()

    assert "Choose the categories you answer in (below) to see those first." in page
    assert "Prescription question" in page
    assert "May need urgent care" in page


def test_questions_asking_for_experts_or_naming_her_are_listed(
    client, expert, member, outsider, category
):
    asks = start_thread(
        author=member,
        category=category,
        title="Low AMH at 38",
        body="@experts is there anything that helps egg quality?",
    )
    names = start_thread(
        author=member,
        category=category,
        title="Thawing embryos before a frozen transfer",
        body="How long does the lab need to thaw an embryo on the morning of the transfer?",
    )
    post_reply(author=outsider, thread=names, body="Daniel Marsh explained this well before.")
    start_thread(author=member, category=category, title="Unrelated", body="Nobody named.")
    client.force_login(expert)

    page = client.get(reverse("experts:dashboard")).content.decode()

    assert sorted(_titles(page, "dashboard-mentions")) == sorted([asks.title, names.title])


def test_her_answers_helpful_votes_are_counted(client, expert, member, outsider, thread):
    answer = post_reply(author=expert, thread=thread, body="A careful expert answer here.")
    toggle_helpful(post=answer, voter=member)
    toggle_helpful(post=answer, voter=outsider)
    client.force_login(expert)

    page = client.get(reverse("experts:dashboard")).content.decode()

    assert "1 answer as an expert, found helpful 2 times." in page
    assert "2 found it helpful" in page


def test_the_dashboard_is_for_verified_experts_only(client, member):
    client.force_login(member)
    assert client.get(reverse("experts:dashboard")).status_code == HTTPStatus.FORBIDDEN
    client.logout()
    assert client.get(reverse("experts:dashboard")).status_code == HTTPStatus.FOUND


def _fill(n: int, *, category, authors, expert) -> None:
    """n questions (some marked, some asking @experts), answers and votes."""
    now = timezone.now()
    start = Thread.objects.count()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            author=authors[i % len(authors)],
            title=f"Question {start + i}",
            slug=f"question-{start + i}",
            created_at=now - timedelta(minutes=i),
            last_activity_at=now - timedelta(minutes=i),
            reply_count=i % 3,
            is_prescription_question=i % 5 == 0,
        )
        for i in range(n)
    )
    Post.objects.bulk_create(
        Post(
            thread=t,
            author=t.author,
            is_question=True,
            body="@experts please help" if i % 2 else "Daniel Marsh, any thoughts?",
            shows_urgent_help=i % 7 == 0,
            created_at=now - timedelta(minutes=i),
        )
        for i, t in enumerate(threads)
    )
    answers = Post.objects.bulk_create(
        Post(
            thread=t,
            author=expert,
            body="An expert answer.",
            is_expert_answer=True,
            helpful_count=1,
            created_at=now,
        )
        for t in threads[: n // 2]
    )
    HelpfulVote.objects.bulk_create(HelpfulVote(post=p, voter=authors[0]) for p in answers)


def test_the_dashboard_runs_the_same_queries_with_5_or_200_questions(
    client, expert, member, outsider, category, loss, django_assert_max_num_queries
):
    ExpertSettings.objects.create(profile=expert.expert_profile).categories.set([category])
    client.force_login(expert)
    url = reverse("experts:dashboard")
    _fill(5, category=category, authors=[member, outsider], expert=expert)
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == HTTPStatus.OK
    _fill(200, category=loss, authors=[member, outsider], expert=expert)
    with django_assert_max_num_queries(12) as large:
        page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert len(large.captured_queries) == len(small.captured_queries)
    assert page.content.decode().count('class="thread-row"') == 20 + 10


def test_the_weekly_email_lists_waiting_questions_and_can_be_switched_off(
    client, expert, member, category, settings
):
    settings.SITE_NAME = "Q&A for IVF"
    start_thread(author=member, category=category, title="Embryo glue", body="Does it work?")

    call_command("experts_digest")
    (message,) = mail.outbox
    assert message.to == [expert.email]
    assert message.subject == "1 question waiting for an expert on Q&A for IVF"
    assert "Embryo glue" in message.body
    assert message.body.startswith("Hello Daniel Marsh,")
    assert reverse("experts:dashboard") in message.body
    call_command("experts_digest")  # a week has not passed
    assert len(mail.outbox) == 1

    client.force_login(expert)
    response = client.post(reverse("experts:dashboard"), {"categories": []})
    assert response.status_code == HTTPStatus.FOUND
    assert not ExpertSettings.objects.get(profile=expert.expert_profile).weekly_digest
    ExpertSettings.objects.filter(profile=expert.expert_profile).update(last_digest_at=None)
    call_command("experts_digest")
    assert len(mail.outbox) == 1


def test_the_weekly_email_has_a_one_click_stop_link_that_asks_before_stopping(
    client, expert, member, category, settings
):
    settings.SITE_URL = "https://forum.example.org"
    start_thread(author=member, category=category, title="Embryo glue", body="Does it work?")
    call_command("experts_digest")
    (message,) = mail.outbox
    off_url = re.search(r"https://forum\.example\.org/experts/digest/off/\S+/", message.body)
    assert off_url, message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{off_url.group(0)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = off_url.group(0).removeprefix(settings.SITE_URL)

    opened = client.get(path)  # a mail scanner or link preview: nothing changes
    assert opened.status_code == HTTPStatus.OK
    assert "Stop the weekly e-mail for experts?" in opened.content.decode()
    assert ExpertSettings.objects.get(profile=expert.expert_profile).weekly_digest

    stopped = client.post(path, {"List-Unsubscribe": "One-Click"})  # RFC 8058, no CSRF token
    assert stopped.status_code == HTTPStatus.OK
    assert "No more weekly e-mails" in stopped.content.decode()
    assert not ExpertSettings.objects.get(profile=expert.expert_profile).weekly_digest
    ExpertSettings.objects.filter(profile=expert.expert_profile).update(last_digest_at=None)
    call_command("experts_digest")
    assert len(mail.outbox) == 1

    client.post(path, {"action": "on"})
    assert ExpertSettings.objects.get(profile=expert.expert_profile).weekly_digest


def test_a_forged_or_members_digest_token_cannot_stop_the_experts_email(client, expert):
    ExpertSettings.objects.create(profile=expert.expert_profile)
    for token in ("nonsense", members_token(user_id=expert.expert_profile.pk)):
        response = client.post(reverse("experts:digest-off", args=[token]))
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "This link does not work" in response.content.decode()
    assert ExpertSettings.objects.get(profile=expert.expert_profile).weekly_digest


def test_the_weekly_email_to_an_expert_with_no_registered_name_yet_greets_her_plainly(
    expert, member, category
):
    expert.expert_profile.professional_name = ""
    expert.expert_profile.save()
    start_thread(author=member, category=category, title="Embryo glue", body="Does it work?")

    call_command("experts_digest")

    (message,) = mail.outbox
    assert message.body.startswith("Hello there,")
    assert expert.display_name not in message.body
