"""Telling members and moderators: a notice on the site and an e-mail sent by a background task.

E-mails are subject/body template pairs in templates/email/moderation_<kind>_{subject,body}.txt,
rendered in the task from plain strings, and queued once the transaction commits.
"""

from __future__ import annotations

import contextlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from accounts.models import acting_moderators
from config.cache_keys import bump_scopes, member_scope
from config.mail import MAIL_ERRORS, try_again_later
from moderation.models import MemberNotice

logger = logging.getLogger(__name__)


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def moderator_emails() -> list[str]:
    """Moderators who can act on what they are told (with two-factor authentication)."""
    return list(
        acting_moderators()
        .filter(deleted_at__isnull=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def queue_email(*, kind: str, to: list[str], context: dict[str, str]) -> None:
    """Send `email/moderation_<kind>_*.txt` to each address once the transaction commits."""
    if not to:
        return
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    transaction.on_commit(lambda: send_moderation_email.enqueue(kind, list(to), context))


@task()
def send_moderation_email(
    kind: str, to: list[str], context: dict[str, str], attempt: int = 0
) -> int:
    """Send one message per address; addresses that fail are tried again later on their own.

    Returns how many were sent. When no later try is possible (tries used up, or a task
    backend that cannot wait, as in tests) the error is raised, so the task shows FAILED.
    """
    subject = " ".join(render_to_string(f"email/moderation_{kind}_subject.txt", context).split())
    body = render_to_string(f"email/moderation_{kind}_body.txt", context)
    sent, failed, error = 0, [], None
    try:
        connection = get_connection()
        connection.open()
    except MAIL_ERRORS as exc:
        failed, error = list(to), exc
    else:
        try:
            for address in to:
                try:
                    sent += connection.send_messages(
                        [EmailMessage(subject=subject, body=body, to=[address])]
                    )
                except MAIL_ERRORS as exc:
                    failed.append(address)
                    error = exc
        finally:
            # the messages are sent or recorded as failed already
            with contextlib.suppress(*MAIL_ERRORS):
                connection.close()
    logger.info("Sent %d moderation e-mails (%s)", sent, kind)
    if failed:
        what = f"Moderation e-mail ({kind}) to {len(failed)} address(es)"
        try_again_later(send_moderation_email, [kind, failed, context], attempt, error, what)
    return sent


NOTICE_SUBJECTS = {
    "held": _("Your post is waiting for a moderator"),
    "approved": _("Your post has been approved"),
    "returned": _("A moderator asks you to change your post"),
    "removed": _("Your post was removed by a moderator"),
    "edited": _("A moderator edited your post"),
    "warning": _("A warning from the moderators"),
    "suspended": _("Your account is suspended"),
    "unsuspended": _("Your suspension has been lifted"),
    "appeal": _("The decision on your appeal"),
}


def notify_member(*, user, kind: str, message: str, url: str = "") -> None:
    """A notice the member reads on the site, and the same news by e-mail."""
    if user is None or user.deleted_at:
        return
    MemberNotice.objects.create(user=user, kind=kind, message=message, url=url)
    _recount_unread(user.pk)
    if user.email:
        queue_email(
            # A moderator reaching out with help numbers writes the whole message (greeting
            # included) and it carries no talk of appeals.
            kind="support" if kind == "support" else "notice",
            to=[user.email],
            context={
                "subject": str(NOTICE_SUBJECTS.get(kind, _("A message from the moderators"))),
                "name": user.public_name,
                "message": message,
                "url": absolute(url) if url else "",
                "notices_url": absolute(reverse("moderation-member:notices")),
            },
        )


def alert_moderators(*, post, kind: str = "crisis") -> None:
    """E-mail moderators at once about a post at the top of the queue.

    `kind` names the e-mail templates: "crisis" (someone may be at risk) or "urgent" (a
    symptom that needs a call today).
    """
    queue_email(
        kind=kind,
        to=moderator_emails(),
        context={
            "post_url": absolute(reverse("moderation:post", args=[post.pk])),
            "thread_title": post.thread.title,
        },
    )


def _recount_unread(user_id) -> None:
    """The header's count of unread notices, recounted from the notices (the one way it is
    kept), and the member's cached row made old."""
    unread = (
        MemberNotice.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    get_user_model().objects.filter(pk=user_id).update(
        unread_notices=Coalesce(Subquery(unread), Value(0))
    )
    bump_scopes([member_scope(user_id)])


def mark_notices_read(*, user, notice_ids: list[int]) -> None:
    """The member has seen these notices (the page showing them calls this)."""
    MemberNotice.objects.filter(user=user, pk__in=notice_ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _recount_unread(user.pk)
