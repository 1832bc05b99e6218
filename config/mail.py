"""E-mail that outlasts a mail server that is away for a while.

A task that sends mail and meets one of ``MAIL_ERRORS`` calls ``try_again_later``: the same
task is queued again after the next pause in ``RETRY_DELAYS``, and after the last one the
error is raised so the task shows FAILED.  A task backend that cannot wait (the immediate
one, in tests) raises at once.  New-answer e-mails have an outbox of their own
(forum.notifications); this is for the rest.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.utils import timezone

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)
# Seconds before each new try: 30 s, 2 min, 10 min, 30 min, then hourly.
RETRY_DELAYS = (30, 120, 600, 1800, 3600, 3600)


def try_again_later(task, args: list, attempt: int, error: BaseException, what: str) -> None:
    """Queue ``task(*args, attempt + 1)`` after the next pause, or raise ``error``."""
    if not task.get_backend().supports_defer or attempt >= len(RETRY_DELAYS):
        logger.error("%s not sent: %s", what, error)
        raise error
    delay = RETRY_DELAYS[attempt]
    logger.warning("%s not sent (%s); trying again in %d s", what, error, delay)
    task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(*args, attempt + 1)
