"""Crisis and urgent-symptom items: first in the queue, and the main action is to contact the
member with a prepared, kind message and her country's numbers, not to reject the flags."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.models import Post, PostStatus
from moderation.models import Flag, MemberNotice, ModerationAction, TrainingExample

pytestmark = pytest.mark.django_db

URGENT_TITLE = "Heavy bleeding and bad cramps at 21 weeks, is this normal?"
URGENT_BODY = (
    "I started bleeding quite heavily an hour ago, bright red with clots, and the pain is "
    "severe. Should I wait and see?"
)
NEUTRAL = "Thinking of you, the waiting is so hard."


@pytest.fixture
def urgent_question(login, member, category):
    login(member).post(
        reverse("forum:thread-start"),
        {"category": category.pk, "title": URGENT_TITLE, "body": URGENT_BODY},
    )
    return Post.objects.get(thread__title=URGENT_TITLE, is_question=True)


def _item(page: str, post) -> str:
    """The queue item's HTML, up to the next item."""
    start = page.index(f'id="item-{post.pk}"')
    end = page.find('class="queue-item', start)
    return page[start : end if end > 0 else len(page)]


def test_the_heavy_bleeding_question_is_first_in_the_queue(
    urgent_question, thread_factory, answer_factory, user_factory, as_moderator
):
    thread = thread_factory(title="Waiting for our scan", body=NEUTRAL)
    held = answer_factory(thread=thread, body=NEUTRAL)
    Post.objects.filter(pk=held.pk).update(status=PostStatus.PENDING)
    Flag.objects.create(post=held, reason="prescription_change", source="auto", level="hold")
    reported = answer_factory(thread=thread, body=NEUTRAL)
    Flag.objects.create(post=reported, reason="abuse", source="user", reporter=user_factory())
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    positions = [page.index(f'id="item-{p.pk}"') for p in (urgent_question, held, reported)]
    assert positions == sorted(positions)
    assert page.index('id="item-') == positions[0]


def test_the_main_action_on_an_urgent_item_is_to_contact_the_member(urgent_question, as_moderator):
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    item = _item(page, urgent_question)
    assert "Contact the member" in item
    assert "Keep (reject flags)" not in item
    assert item.index("Contact the member") < item.index("Not a crisis / not urgent")
    # The prepared message: kind, addressed to her, with her country's numbers (Leeds, UK).
    assert "Hello T.C.," in item
    assert "NHS 111: 111" in item
    assert "Emergency: 999" in item
    assert "911" not in item


def test_contacting_the_member_sends_the_message_and_confirms_the_flag(
    urgent_question, as_moderator, moderator, member, sent_mail, mailoutbox
):
    as_member = Client()
    as_member.force_login(member)
    message = "Hello T.C., please call your maternity unit now. NHS 111: 111. Take care, Moira"
    with sent_mail():
        response = as_moderator.post(
            reverse("moderation:post-action", args=[urgent_question.pk, "contact"]),
            {"contact-message": message},
        )
    assert response.status_code == HTTPStatus.FOUND
    notice = MemberNotice.objects.get(user=member, kind="support")
    assert notice.message == message
    assert notice.url == urgent_question.get_absolute_url()
    assert [m.to for m in mailoutbox] == [[member.email]]
    email = mailoutbox[0]
    assert email.subject == "A message from the moderators"
    assert email.body.startswith(message)  # her greeting, no second one
    assert "appeal" not in email.body
    notices = as_member.get(reverse("moderation-member:notices")).content.decode()
    assert "Hello T.C., please call your maternity unit now." in notices
    flag = Flag.objects.get(post=urgent_question, reason="urgent_symptom")
    assert flag.state == Flag.State.ACCEPTED
    assert flag.resolved_by == moderator
    assert set(
        ModerationAction.objects.filter(target_id=str(urgent_question.pk)).values_list(
            "action", flat=True
        )
    ) == {"contact_member", "confirm_flag"}
    assert TrainingExample.objects.get(flag=flag).is_positive
    page = as_moderator.get(response.url).content.decode()
    assert "Your message has been sent to T.C." in page


def test_not_urgent_is_secondary_and_needs_a_reason(urgent_question, as_moderator):
    url = reverse("moderation:post-action", args=[urgent_question.pk, "not-urgent"])
    response = as_moderator.post(url, {"not-urgent-reason": " "})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    flag = Flag.objects.get(post=urgent_question, reason="urgent_symptom")
    assert flag.state == Flag.State.OPEN
    as_moderator.post(url, {"not-urgent-reason": "She says it was last year, already seen."})
    flag.refresh_from_db()
    assert flag.state == Flag.State.REJECTED
    assert not TrainingExample.objects.get(flag=flag).is_positive


def test_the_review_page_leads_with_contacting_the_member(urgent_question, as_moderator):
    page = as_moderator.get(reverse("moderation:post", args=[urgent_question.pk])).content.decode()
    assert page.index("Contact the member") < page.index("Keep it, other flags rejected")
    assert "Keep it (reject the flags)" not in page


def test_a_prescription_question_flag_reads_as_a_check_on_the_notice(thread, as_moderator):
    question = Post.objects.get(thread=thread, is_question=True)
    Flag.objects.create(post=question, reason="prescription_change", source="auto", level="notice")
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    assert "Prescription question: check the notice fits" in page
    assert "Advice to change a prescription" not in page


def test_the_queue_keeps_a_fixed_number_of_queries_with_urgent_items(
    login, user_factory, category, as_moderator
):
    def ask(n: int) -> None:
        for i in range(n):
            author = user_factory(location="Leeds, UK")
            login(author).post(
                reverse("forum:thread-start"),
                {"category": category.pk, "title": f"{URGENT_TITLE} ({i})", "body": URGENT_BODY},
            )

    def count() -> int:
        as_moderator.get(reverse("moderation:queue"))
        with CaptureQueriesContext(connection) as queries:
            as_moderator.get(reverse("moderation:queue"))
        return len(queries)

    ask(2)
    few = count()
    ask(5)
    assert Flag.objects.filter(is_urgent=True).count() == 7
    assert count() == few
