"""Who may open what: every URL of the public contract and every write endpoint, for each of
anonymous, member (the author of the content), another member, expert, moderator and admin.

The expected status is what a user would notice: LOGIN (sent to the login page), 200, a
redirect after a successful write (302), 403 (visible but not allowed), 404 (someone else's
held, removed or withdrawn post must not be acted on, or even be known to exist).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from forum.models import Post, PostStatus, Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "other", "expert", "moderator", "admin")
LOGIN = "login"  # a redirect to the login page
OK, FOUND, MOVED = HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY
FORBIDDEN, NOT_FOUND, BAD = HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND, HTTPStatus.BAD_REQUEST


@dataclass
class World:
    users: dict
    category: object
    thread: Thread  # by member, published
    question: Post
    others_answer: Post  # by "other" in member's thread
    own_answer: Post  # by member
    pending_thread: Thread  # member's question, held for review
    pending_answer: Post  # member's answer, held
    removed_answer: Post  # member's answer, removed by a moderator
    removal: object  # the ModerationAction the member may appeal


def _everyone(status) -> dict:
    return dict.fromkeys(ROLES, status)


def _signed_in(status, anonymous=LOGIN) -> dict:
    return {"anonymous": anonymous} | dict.fromkeys(ROLES[1:], status)


def _moderators_only(status=OK) -> dict:
    return {
        "anonymous": LOGIN,
        "member": FORBIDDEN,
        "other": FORBIDDEN,
        "expert": FORBIDDEN,
        "moderator": status,
        "admin": status,
    }


@dataclass
class Row:
    name: str
    path: Callable[[World], str]
    expected: dict
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda w: {})


ROWS = [
    # --- the public URL contract -----------------------------------------------------------
    Row("home", lambda w: "/", _everyone(OK)),
    Row("category", lambda w: w.category.get_absolute_url(), _everyone(OK)),
    Row("thread", lambda w: w.thread.get_absolute_url(), _everyone(OK)),
    Row("thread short link", lambda w: f"/t/{w.thread.pk}/", _everyone(MOVED)),
    Row(
        "someone's held question",
        lambda w: w.pending_thread.get_absolute_url(),
        {
            "anonymous": NOT_FOUND,
            "member": OK,
            "other": NOT_FOUND,
            "expert": NOT_FOUND,
            "moderator": OK,
            "admin": OK,
        },
    ),
    Row("ask page", lambda w: "/ask/", _signed_in(OK)),
    Row("search", lambda w: "/search/?q=transfer", _everyone(OK)),
    Row("public profile", lambda w: f"/u/{w.users['member'].username}/", _everyone(OK)),
    Row("experts", lambda w: "/experts/", _everyone(OK)),
    Row("expert application page", lambda w: "/experts/apply/", _signed_in(OK)),
    Row("moderation queue", lambda w: "/moderation/", _moderators_only()),
    Row("moderation log", lambda w: "/moderation/log/", _moderators_only()),
    Row("moderation appeals", lambda w: "/moderation/appeals/", _moderators_only()),
    Row(
        "moderation post review",
        lambda w: f"/moderation/posts/{w.pending_answer.pk}/",
        _moderators_only(),
    ),
    Row("login page", lambda w: "/accounts/login/", _signed_in(FOUND, anonymous=OK)),
    Row("signup page", lambda w: "/accounts/signup/", _signed_in(FOUND, anonymous=OK)),
    Row("password reset", lambda w: "/accounts/password/reset/", _everyone(OK)),
    Row("e-mail settings", lambda w: "/accounts/email/", _signed_in(OK)),
    Row("two-factor settings", lambda w: "/accounts/2fa/", _signed_in(OK)),
    Row("profile settings", lambda w: "/accounts/profile/", _signed_in(OK)),
    Row("delete account page", lambda w: "/accounts/delete/", _signed_in(OK)),
    Row("download my data", lambda w: "/accounts/export/", _signed_in(OK)),
    Row(
        "admin",
        lambda w: "/admin/",
        _signed_in(FOUND, anonymous=FOUND) | {"admin": OK},
    ),
    Row(
        "admin list of posts",
        lambda w: "/admin/forum/post/",
        _signed_in(FOUND, anonymous=FOUND) | {"admin": OK},
    ),
    Row(
        "admin login form",
        lambda w: "/admin/login/",
        _signed_in(FORBIDDEN, anonymous=LOGIN) | {"admin": FOUND},
    ),
    Row("latest feed", lambda w: "/feeds/latest/", _everyone(OK)),
    Row("category feed", lambda w: f"{w.category.get_absolute_url()}feed/", _everyone(OK)),
    Row("health check", lambda w: "/healthz", _everyone(OK)),
    Row("notices", lambda w: "/notices/", _signed_in(OK)),
    Row("crisis support", lambda w: "/support/", _everyone(OK)),
    # --- writes ------------------------------------------------------------------------------
    Row(
        "ask",
        lambda w: "/ask/",
        _signed_in(FOUND),
        "post",
        lambda w: {
            "category": w.category.pk,
            "title": "How long did your frozen transfer take?",
            "body": "I have my first frozen embryo transfer next week and feel nervous.",
        },
    ),
    Row(
        "reply",
        lambda w: f"/t/{w.thread.pk}/reply/",
        _signed_in(FOUND),
        "post",
        lambda w: {"body": "Mine took about twenty minutes, it was fine."},
    ),
    Row(
        "reply to someone's held question",
        lambda w: f"/t/{w.pending_thread.pk}/reply/",
        _signed_in(FOUND) | {"other": NOT_FOUND, "expert": NOT_FOUND},
        "post",
        lambda w: {"body": "A reply to a question nobody else can see yet."},
    ),
    Row(
        "edit own question / someone else's question",
        lambda w: f"/p/{w.question.pk}/edit/",
        _signed_in(FORBIDDEN) | {"member": FOUND},
        "post",
        lambda w: {"title": "An edited title for the question", "body": "Edited question."},
    ),
    Row(
        "edit someone else's answer",
        lambda w: f"/p/{w.others_answer.pk}/edit/",
        _signed_in(FORBIDDEN) | {"other": FOUND},
        "post",
        lambda w: {"body": "Edited answer text."},
    ),
    Row(
        "edit someone's held answer",
        lambda w: f"/p/{w.pending_answer.pk}/edit/",
        _signed_in(NOT_FOUND) | {"member": FOUND, "moderator": FORBIDDEN, "admin": FORBIDDEN},
        "post",
        lambda w: {"body": "Edited held answer."},
    ),
    Row(
        "edit someone's removed answer",
        lambda w: f"/p/{w.removed_answer.pk}/edit/",
        _signed_in(NOT_FOUND) | {"member": FORBIDDEN, "moderator": FORBIDDEN, "admin": FORBIDDEN},
        "post",
        lambda w: {"body": "Trying to bring a removed answer back."},
    ),
    Row(
        "withdraw someone's answer",
        lambda w: f"/p/{w.own_answer.pk}/withdraw/",
        _signed_in(FORBIDDEN) | {"member": FOUND},
        "post",
    ),
    Row(
        "vote an answer helpful (own answer for 'other')",
        lambda w: f"/p/{w.others_answer.pk}/helpful/",
        _signed_in(FOUND) | {"other": FORBIDDEN},
        "post",
    ),
    Row(
        "vote someone's removed answer helpful",
        lambda w: f"/p/{w.removed_answer.pk}/helpful/",
        _signed_in(NOT_FOUND) | {"member": FORBIDDEN, "moderator": FORBIDDEN, "admin": FORBIDDEN},
        "post",
    ),
    Row(
        "feature an answer on someone else's thread",
        lambda w: f"/p/{w.others_answer.pk}/feature/",
        _signed_in(FORBIDDEN) | {"member": FOUND, "moderator": FOUND, "admin": FOUND},
        "post",
    ),
    Row("follow a thread", lambda w: f"/t/{w.thread.pk}/follow/", _signed_in(FOUND), "post"),
    Row(
        "report a post (own post for member)",
        lambda w: f"/p/{w.question.pk}/report/",
        _signed_in(FOUND) | {"member": BAD},
        "post",
        lambda w: {"reason": "spam", "note": ""},
    ),
    Row(
        "report someone's held answer",
        lambda w: f"/p/{w.pending_answer.pk}/report/",
        _signed_in(NOT_FOUND) | {"member": BAD},
        "post",
        lambda w: {"reason": "spam", "note": ""},
    ),
    Row(
        "report someone's removed answer",
        lambda w: f"/p/{w.removed_answer.pk}/report/",
        _signed_in(NOT_FOUND) | {"member": BAD},
        "post",
        lambda w: {"reason": "spam", "note": ""},
    ),
    Row(
        "appeal a removal (the member's own)",
        lambda w: f"/appeals/{w.removal.pk}/",
        _signed_in(NOT_FOUND) | {"member": FOUND},
        "post",
        lambda w: {"message": "I think this was a misunderstanding, please look again."},
    ),
    Row(
        "resubmit someone's post",
        lambda w: f"/p/{w.pending_answer.pk}/resubmit/",
        _signed_in(NOT_FOUND) | {"member": FOUND},
    ),
    Row(
        "apply as an expert",
        lambda w: "/experts/apply/",
        _signed_in(FOUND) | {"expert": OK},
        "post",
        lambda w: {
            "professional_name": "Sam Jones",
            "title": "Fertility nurse",
            "organisation": "Leeds Fertility",
            "speciality": "IVF",
            "registration_number": "12A3456E",
            "evidence": "https://example.org/staff",
            "is_prescriber": "",
            "link_consent": "on",  # asked only of accounts that have posted
            "confirm": "on",
        },
    ),
    Row(
        "approve a held post",
        lambda w: f"/moderation/posts/{w.pending_answer.pk}/approve/",
        _moderators_only(FOUND),
        "post",
        lambda w: {"reason": ""},
    ),
    Row(
        "lock a thread",
        lambda w: f"/moderation/posts/{w.question.pk}/lock/",
        _moderators_only(FOUND),
        "post",
        lambda w: {"reason": ""},
    ),
    Row(
        "bulk-approve",
        lambda w: "/moderation/bulk/",
        _moderators_only(FOUND),
        "post",
        lambda w: {"post_ids": [w.pending_answer.pk], "action": "approve"},
    ),
    Row(
        "change own profile",
        lambda w: "/accounts/profile/",
        _signed_in(FOUND),
        "post",
        lambda w: {"display_name": "New Name", "location": "York, UK"},
    ),
    Row(
        "ask to delete own account",
        lambda w: "/accounts/delete/",
        _signed_in(FOUND),
        "post",
        lambda w: {"action": "delete", "password": "correct-horse-battery"},
    ),
    Row(
        "admin: hard-deleting a post is refused even to admins",
        lambda w: f"/admin/forum/post/{w.question.pk}/delete/",
        _signed_in(FOUND, anonymous=FOUND) | {"admin": FORBIDDEN},
    ),
]


@pytest.fixture
def world(member, outsider, expert, moderator, admin_user, category, thread_factory, settings):
    from moderation.services import remove_post

    settings.FORUM_RATE_LIMITS_ENABLED = False
    thread = thread_factory(author=member, title="How long did your frozen transfer take?")
    others_answer = post_reply(author=outsider, thread=thread, body="About twenty minutes.")
    own_answer = post_reply(author=member, thread=thread, body="Thank you, that helps me.")
    pending_answer = post_reply(author=member, thread=thread, body="One more detail I forgot.")
    Post.objects.filter(pk=pending_answer.pk).update(status=PostStatus.PENDING)
    removed_answer = post_reply(author=member, thread=thread, body="Something off topic here.")
    remove_post(moderator=admin_user, post=removed_answer, reason="Off topic for this thread.")
    pending_thread = thread_factory(author=member, title="A question that waits for review")
    Thread.objects.filter(pk=pending_thread.pk).update(status=PostStatus.PENDING)
    pending_thread.posts.update(status=PostStatus.PENDING)
    from moderation.models import ModerationAction

    removal = ModerationAction.objects.get(action="remove", target_id=str(removed_answer.pk))
    for post in (others_answer, own_answer, pending_answer, removed_answer):
        post.refresh_from_db()
    pending_thread.refresh_from_db()
    return World(
        users={
            "member": member,
            "other": outsider,
            "expert": expert,
            "moderator": moderator,
            "admin": admin_user,
        },
        category=category,
        thread=thread,
        question=thread.posts.get(is_question=True),
        others_answer=others_answer,
        own_answer=own_answer,
        pending_thread=pending_thread,
        pending_answer=pending_answer,
        removed_answer=removed_answer,
        removal=removal,
    )


CASES = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(
    ("row", "role"), CASES, ids=[f"{row.name} as {role}" for row, role in CASES]
)
def test_permission_matrix(client, world, row, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    path = row.path(world)
    response = getattr(client, row.method)(path, row.data(world))
    expected = row.expected[role]
    if expected == LOGIN:
        assert response.status_code == FOUND, f"{row.method} {path}: {response.status_code}"
        assert urlsplit(response["Location"]).path == reverse("account_login")
    else:
        assert response.status_code == expected, (
            f"{row.method.upper()} {path} as {role}: {response.status_code}, expected {expected}"
        )


def test_the_matrix_covers_every_url_of_the_public_contract():
    covered = " ".join(row.name for row in ROWS)
    for page in (
        "home",
        "category",
        "thread",
        "ask",
        "search",
        "public profile",
        "experts",
        "expert application",
        "moderation queue",
        "moderation log",
        "login",
        "delete account",
        "download my data",
        "admin",
        "latest feed",
        "category feed",
        "health check",
    ):
        assert page in covered
