"""Roles that need two-factor authentication do nothing without it.

Every URL that behaves differently for moderators (or admin staff) is opened by an ordinary
member, by a moderator and an admin who have an authenticator app, and by a moderator and
an admin who have not. Without the app each sees and may do exactly what the ordinary
member sees and may do, except that the moderation queue and the admin send them to set
one up. Each row also shows that the role with the app really does behave differently,
so a row cannot pass by testing nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Post, PostStatus, Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db

ROLES = ("member", "moderator", "moderator without 2FA", "admin", "admin without 2FA")
WITHOUT_2FA = ("moderator without 2FA", "admin without 2FA")
SETUP = "sent to set up two-factor"
OK, FOUND, MOVED = HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY
FORBIDDEN, NOT_FOUND = HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND
TOO_MANY = HTTPStatus.TOO_MANY_REQUESTS

HELD_ANSWER = "I was told to double my dose and it helped a lot."
CONTACT = "Text me on 07700 900123 or write to jo.smith@example.com and we can chat."
HELD_TITLE = "Bleeding at six weeks after a frozen transfer"
EXPERT_ANSWER = "Light bleeding at this stage is common; please tell your clinic today."
ARTICLE_TITLE = "The two-week wait, day by day"


@dataclass
class World:
    users: dict
    thread: Thread  # by the asker, published
    answer: Post  # by the answerer, published: the one to feature
    held_answer: Post  # by the answerer, held for review
    contact_answer: Post  # published, with a phone number and an e-mail address
    removed_answer: Post
    held_thread: Thread  # the asker's question, held for review
    expert: object  # a verified expert with an answer under the held question
    article: object  # the expert's article, waiting for a moderator
    own_answer: Post  # the viewer's own published answer (set per test)


@pytest.fixture
def world(user_factory, moderator, admin_user, thread_factory, expert, category, settings):
    from experts.services import submit_article
    from moderation.services import remove_post

    settings.FORUM_RATE_LIMITS_ENABLED = True
    settings.FORUM_RATE_LIMITS = {
        action: {"user": "2/10m", "ip": "1000/h"}
        for action in ("ask", "reply", "edit", "flag", "vote")
    }
    asker = user_factory(username="asker", display_name="A.S.")
    answerer = user_factory(username="answerer", display_name="A.N.")
    thread = thread_factory(author=asker, title="How long did your frozen transfer take?")
    answer = post_reply(author=answerer, thread=thread, body="About twenty minutes for me.")
    held_answer = post_reply(author=answerer, thread=thread, body=HELD_ANSWER)
    Post.objects.filter(pk=held_answer.pk).update(status=PostStatus.PENDING)
    contact_answer = post_reply(author=answerer, thread=thread, body=CONTACT)
    removed_answer = post_reply(author=answerer, thread=thread, body="Something off topic.")
    remove_post(moderator=admin_user, post=removed_answer, reason="Off topic for this thread.")
    held_thread = thread_factory(author=asker, title=HELD_TITLE)
    # The expert's answer stays published; the question above it waits for a moderator.
    post_reply(author=expert, thread=held_thread, body=EXPERT_ANSWER)
    Thread.objects.filter(pk=held_thread.pk).update(status=PostStatus.PENDING)
    held_thread.posts.filter(is_question=True).update(status=PostStatus.PENDING)
    held_thread.refresh_from_db()
    article = submit_article(
        profile=expert.expert_profile,
        category=category,
        title=ARTICLE_TITLE,
        summary="What the first two weeks after a transfer are usually like.",
        body="Most clinics ask you to carry on with your usual day. " * 5,
    )
    return World(
        users={
            "member": user_factory(username="reader", display_name="R.E."),
            "moderator": moderator,
            "moderator without 2FA": user_factory(username="newmod", is_moderator=True),
            "admin": admin_user,
            "admin without 2FA": user_factory(
                username="newadmin", is_staff=True, is_superuser=True
            ),
        },
        thread=thread,
        answer=answer,
        held_answer=held_answer,
        contact_answer=contact_answer,
        removed_answer=removed_answer,
        held_thread=held_thread,
        expert=expert,
        article=article,
        own_answer=None,
    )


def _outcome(response):
    """The status, or SETUP for the redirect to the authenticator set-up page."""
    if response.status_code == FOUND and response["Location"] == reverse("mfa_activate_totp"):
        return SETUP
    return response.status_code


def _thread_page(client, w: World) -> str:
    response = client.get(w.thread.get_absolute_url())
    assert response.status_code == OK
    return response.content.decode()


def _feature(client, w: World):
    response = client.post(reverse("forum:feature", args=[w.answer.pk]))
    w.answer.refresh_from_db()
    return response.status_code, w.answer.featured_at is not None


def _approve(client, w: World):
    response = client.post(
        reverse("moderation:post-action", args=[w.held_answer.pk, "approve"]), {"reason": ""}
    )
    w.held_answer.refresh_from_db()
    return _outcome(response), w.held_answer.status


def _publish_article(client, w: World):
    response = client.post(
        reverse("experts:article-review", args=[w.article.pk]), {"action": "publish", "note": ""}
    )
    w.article.refresh_from_db()
    return response.status_code, w.article.status


def _edit_own_answer_three_times(client, w: World) -> list:
    url = reverse("forum:post-edit", args=[w.own_answer.pk])
    return [client.post(url, {"body": f"Edited, version {n}."}).status_code for n in range(3)]


def _reply_three_times(client, w: World) -> list:
    url = reverse("forum:reply-create", args=[w.thread.pk])
    return [client.post(url, {"body": f"Reply number {n} here."}).status_code for n in range(3)]


@dataclass
class Row:
    name: str
    observe: Callable
    member: object  # what an ordinary member gets, and so a role without 2FA
    powered: object  # what the role gets with its authenticator app
    without: object = None  # when the role without 2FA gets something else (set-up)
    staff_only: bool = False  # a moderator who is not staff gets the member's outcome


ROWS = [
    # --- the thread page -----------------------------------------------------------------------
    Row(
        "thread page shows a held answer",
        lambda c, w: HELD_ANSWER in _thread_page(c, w),
        False,
        True,
    ),
    Row(
        "thread page shows contact details as written",
        lambda c, w: "07700 900123" in _thread_page(c, w),
        False,
        True,
    ),
    Row(
        "thread page links each post to its moderation page",
        lambda c, w: reverse("moderation:post", args=[w.answer.pk]) in _thread_page(c, w),
        False,
        True,
    ),
    Row(
        "thread page offers to feature an answer in someone else's thread",
        lambda c, w: "Feature this answer" in _thread_page(c, w),
        False,
        True,
    ),
    Row(
        "header links to the moderation queue",
        lambda c, w: f'href="{reverse("moderation:queue")}"' in _thread_page(c, w),
        False,
        True,
    ),
    # --- held questions elsewhere --------------------------------------------------------------
    Row(
        "someone's held question",
        lambda c, w: c.get(w.held_thread.get_absolute_url()).status_code,
        NOT_FOUND,
        OK,
    ),
    Row(
        "short link to someone's held question",
        lambda c, w: c.get(reverse("forum:thread-redirect", args=[w.held_thread.pk])).status_code,
        NOT_FOUND,
        MOVED,
    ),
    Row(
        "search lists someone's held question",
        lambda c, w: HELD_TITLE in c.get("/search/?q=bleeding").content.decode(),
        False,
        True,
    ),
    Row(
        "profile lists someone's held question",
        lambda c, w: HELD_TITLE in c.get("/u/asker/").content.decode(),
        False,
        True,
    ),
    Row(
        "reply to someone's held question",
        lambda c, w: (
            c.post(
                reverse("forum:reply-create", args=[w.held_thread.pk]), {"body": "Hello there."}
            ).status_code
        ),
        NOT_FOUND,
        FOUND,
    ),
    # --- acting on others' posts ---------------------------------------------------------------
    Row("feature an answer in someone else's thread", _feature, (FORBIDDEN, False), (FOUND, True)),
    Row(
        "edit someone's held answer",
        lambda c, w: (
            c.post(
                reverse("forum:post-edit", args=[w.held_answer.pk]), {"body": "Changed."}
            ).status_code
        ),
        NOT_FOUND,
        FORBIDDEN,
    ),
    Row(
        "vote someone's removed answer helpful",
        lambda c, w: c.post(reverse("forum:vote", args=[w.removed_answer.pk])).status_code,
        NOT_FOUND,
        FORBIDDEN,
    ),
    Row(
        "replying fast is rate-limited",
        _reply_three_times,
        [FOUND, FOUND, TOO_MANY],
        [FOUND, FOUND, FOUND],
    ),
    Row(
        "editing fast is rate-limited",
        _edit_own_answer_three_times,
        [FOUND, FOUND, TOO_MANY],
        [FOUND, FOUND, FOUND],
    ),
    # --- experts' pages and articles -----------------------------------------------------------
    Row(
        "expert's page lists an answer under someone's held question",
        lambda c, w: (
            HELD_TITLE
            in c.get(reverse("experts:profile", args=[w.expert.expert_profile.pk])).content.decode()
        ),
        False,
        True,
    ),
    Row(
        "an expert's article waiting for review",
        lambda c, w: c.get(w.article.get_absolute_url()).status_code,
        NOT_FOUND,
        OK,
    ),
    Row(
        "articles waiting for review",
        lambda c, w: c.get(reverse("experts:article-review-list")).status_code,
        NOT_FOUND,
        OK,
    ),
    Row(
        "publish an expert's article",
        _publish_article,
        (NOT_FOUND, "pending"),
        (FOUND, "published"),
    ),
    # --- the moderation pages and the admin -------------------------------------------------------
    Row(
        "precision of the checks",
        lambda c, w: _outcome(c.get(reverse("moderation:checks"))),
        FORBIDDEN,
        OK,
        SETUP,
    ),
    Row(
        "moderation queue",
        lambda c, w: _outcome(c.get(reverse("moderation:queue"))),
        FORBIDDEN,
        OK,
        SETUP,
    ),
    Row(
        "moderation log",
        lambda c, w: _outcome(c.get(reverse("moderation:log"))),
        FORBIDDEN,
        OK,
        SETUP,
    ),
    Row(
        "moderation page of a held answer",
        lambda c, w: _outcome(c.get(reverse("moderation:post", args=[w.held_answer.pk]))),
        FORBIDDEN,
        OK,
        SETUP,
    ),
    Row(
        "approve a held answer",
        _approve,
        (FORBIDDEN, PostStatus.PENDING),
        (FOUND, PostStatus.PUBLISHED),
        (SETUP, PostStatus.PENDING),
    ),
    Row(
        "appeals to decide",
        lambda c, w: _outcome(c.get(reverse("moderation:appeals"))),
        FORBIDDEN,
        OK,
        SETUP,
    ),
    Row(
        "admin",
        lambda c, w: _outcome(c.get(reverse("admin:index"))),
        FOUND,  # to the admin's login page
        OK,
        SETUP,
        staff_only=True,
    ),
    Row(
        "admin list of posts",
        lambda c, w: _outcome(c.get(reverse("admin:forum_post_changelist"))),
        FOUND,
        OK,
        SETUP,
        staff_only=True,
    ),
]


def _expected(row: Row, role: str):
    if role == "member" or (row.staff_only and role == "moderator"):
        return row.member
    if role in WITHOUT_2FA:
        return row.member if row.without is None else row.without
    return row.powered


CASES = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(
    ("row", "role"), CASES, ids=[f"{row.name} as {role}" for row, role in CASES]
)
def test_roles_without_two_factor_behave_as_ordinary_members(client, world, row, role):
    assert row.member != row.powered  # the row is about something moderators can do
    viewer = world.users[role]
    world.own_answer = post_reply(author=viewer, thread=world.thread, body="My own answer here.")
    client.force_login(viewer)
    assert row.observe(client, world) == _expected(row, role)


def test_the_header_points_a_role_without_two_factor_to_the_set_up(client, world):
    setup_link = f'href="{reverse("mfa_activate_totp")}">Set up two-factor to moderate'
    for role, shown in [
        ("moderator without 2FA", True),
        ("admin without 2FA", True),
        ("moderator", False),
        ("member", False),
    ]:
        client.force_login(world.users[role])
        assert (setup_link in _thread_page(client, world)) is shown, role


def test_the_rule_does_not_depend_on_the_set_up_redirect(client, world, settings):
    """Without the middleware that points them to the set-up page, the powers are still off."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "accounts.middleware.RequireMFAForStaffMiddleware"
    ]
    client.force_login(world.users["moderator without 2FA"])
    assert client.get(reverse("moderation:queue")).status_code == FORBIDDEN
    assert _approve(client, world) == (FORBIDDEN, PostStatus.PENDING)
    client.force_login(world.users["admin without 2FA"])
    response = client.get(reverse("admin:forum_post_changelist"))
    assert response.status_code == FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_setting_up_an_authenticator_turns_the_powers_on_at_the_next_request(
    client, world, enable_totp
):
    newcomer = world.users["moderator without 2FA"]
    client.force_login(newcomer)
    assert HELD_ANSWER not in _thread_page(client, world)
    enable_totp(newcomer)
    assert HELD_ANSWER in _thread_page(client, world)


def test_with_two_factor_not_required_the_role_works_without_it(client, world, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(world.users["moderator without 2FA"])
    assert HELD_ANSWER in _thread_page(client, world)
    assert client.get(reverse("moderation:queue")).status_code == OK


def test_the_services_refuse_a_moderator_without_two_factor(world):
    from django.core.exceptions import PermissionDenied

    from moderation.services import remove_post

    with pytest.raises(PermissionDenied):
        remove_post(
            moderator=world.users["moderator without 2FA"], post=world.answer, reason="Testing."
        )
    world.answer.refresh_from_db()
    assert world.answer.status == PostStatus.PUBLISHED


def test_a_superuser_without_two_factor_holds_no_permissions(world):
    assert world.users["admin"].has_perm("forum.change_post")
    assert not world.users["admin without 2FA"].has_perm("forum.change_post")
    assert not world.users["admin without 2FA"].has_module_perms("forum")


def test_moderation_e_mails_go_only_to_moderators_with_two_factor(world):
    from moderation.notify import moderator_emails

    emails = set(moderator_emails())
    assert world.users["moderator"].email in emails
    assert world.users["admin"].email in emails
    assert world.users["moderator without 2FA"].email not in emails
    assert world.users["admin without 2FA"].email not in emails
