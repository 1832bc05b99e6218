"""Faults handled kindly: Redis, PostgreSQL, the mail server and the task worker each
stopped under a running forum (services of the test's own: see conftest.py)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http import HTTPStatus

import pytest

from bench.stack import wait_for

pytestmark = pytest.mark.faults

ANSWER = "Rest helped me most, and my sister phoning every evening. Thinking of you."


def _signed_in(page: str, member: dict) -> bool:
    return "Log out" in page and member["name"] in page


def _expected_mail(seeded: dict, thread: dict) -> list[str]:
    return sorted([*seeded["followers"], thread["asker"]])


def _each_once(messages: list[tuple[str, str]]) -> bool:
    return all(n == 1 for n in Counter(messages).values())


def _mail_for(services, seeded: dict) -> list[tuple[str, str]]:
    """What the sink received for this test's members (a late e-mail from an earlier test
    cannot count here)."""
    ours = {*seeded["followers"], *(thread["asker"] for thread in seeded["threads"])}
    return [message for message in services.smtp.messages() if message[0] in ours]


def _wait_for_mail(services, seeded: dict, count: int) -> list[tuple[str, str]]:
    wait_for(lambda: len(_mail_for(services, seeded)) >= count, timeout=40, what="e-mails")
    time.sleep(2)  # anything sent twice would show by now
    return _mail_for(services, seeded)


# --- Redis -------------------------------------------------------------------------------


def test_with_redis_stopped_pages_are_served_and_members_stay_signed_in(services):
    seeded = services.forum.seed(members=1, followers=1)
    member, thread = seeded["members"][0], seeded["threads"][0]
    reader, browser = services.browser(), services.browser(member["session"])
    assert reader.get(thread["url"])[0] == HTTPStatus.OK  # now in the page cache

    services.redis.stop()
    for path in ("/", thread["url"], "/c/ivf/", "/search/?q=results", "/healthz"):
        status, _page = reader.get(path)
        assert status == HTTPStatus.OK, path
    status, page = browser.get("/")
    assert status == HTTPStatus.OK
    assert _signed_in(page, member)
    status, _body, _headers = services.reply(member, thread, ANSWER)
    assert status == HTTPStatus.FOUND
    assert "my sister phoning every evening" in reader.get(thread["url"])[1]

    services.redis.start()
    status, page = browser.get(thread["url"])
    assert status == HTTPStatus.OK
    assert _signed_in(page, member)
    assert "my sister phoning every evening" in page


def test_what_changed_while_redis_hung_is_not_undone_when_it_answers_again(services):
    """A paused Redis keeps its data: the cached page from before the pause and the session
    that was ended during it must not come back."""
    seeded = services.forum.seed(members=1, followers=0)
    member, thread = seeded["members"][0], seeded["threads"][0]
    reader, browser = services.browser(), services.browser(member["session"])
    for _ in range(2):
        assert reader.get(thread["url"])[0] == HTTPStatus.OK
    assert _signed_in(browser.get(thread["url"])[1], member)

    services.redis.pause()
    try:
        status, _body, _headers = services.reply(member, thread, ANSWER)
        assert status == HTTPStatus.FOUND
        token = browser.csrf("/")
        status, _body, _headers = browser.post("/accounts/logout/", {}, token=token)
        assert status == HTTPStatus.FOUND
    finally:
        services.redis.resume()
    time.sleep(1.5)  # the servers try Redis again after REDIS_RETRY_SECONDS

    for _ in range(4):  # both gunicorn workers
        status, page = reader.get(thread["url"])
        assert status == HTTPStatus.OK
        assert "my sister phoning every evening" in page
        status, page = services.browser(member["session"]).get("/")
        assert status == HTTPStatus.OK
        assert not _signed_in(page, member)


# --- The mail server ---------------------------------------------------------------------


def test_no_email_is_lost_or_sent_twice_while_the_mail_server_is_down(services):
    seeded = services.forum.seed(members=3, followers=5)
    thread = seeded["threads"][0]
    services.smtp.stop()
    for n, member in enumerate(seeded["members"]):
        status, _body, _headers = services.reply(member, thread, f"{ANSWER} ({n})")
        assert status == HTTPStatus.FOUND
    time.sleep(3)  # the worker tries, fails, and waits
    services.smtp.start()

    expected = _expected_mail(seeded, thread) * 3
    messages = _wait_for_mail(services, seeded, len(expected))
    assert sorted(address for address, _id in messages) == sorted(expected)
    assert _each_once(messages)


def test_a_killed_workers_task_and_email_are_picked_up_again_and_sent_once(services):
    seeded = services.forum.seed(members=1, followers=1)
    member, thread = seeded["members"][0], seeded["threads"][0]
    running = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    # The worker's sweep of due e-mails (every TASKS_UPKEEP_SECONDS) could otherwise pick
    # the answer's e-mail up before its task does, and then no task would be left RUNNING.
    # So: a worker whose sweep runs once, at its start; a first answer whose e-mails are
    # sent shows that sweep is over.
    services.forum.kill_worker()
    services.forum.start_worker(TASKS_UPKEEP_SECONDS="3600")
    assert services.reply(member, thread, f"{ANSWER} (first)")[0] == HTTPStatus.FOUND
    expected = _expected_mail(seeded, thread)
    _wait_for_mail(services, seeded, len(expected))
    wait_for(lambda: services.postgres.query(running)[0] == (0,), timeout=20, what="tasks")

    services.smtp.rcpt_delay = 30  # the worker is mid-send when it is killed
    status, _body, _headers = services.reply(member, thread, ANSWER)
    assert status == HTTPStatus.FOUND
    sql = (
        "SELECT count(*) FROM forum_answeremail e JOIN forum_post p ON p.id = e.post_id "
        "WHERE p.thread_id = %s AND e.status = %s"
    )
    wait_for(
        lambda: services.postgres.query(sql, (thread["id"], "sending"))[0][0] == 1,
        timeout=20,
        what="the worker to start sending",
    )
    services.forum.kill_worker()
    assert services.postgres.query(running)[0] == (1,)

    services.smtp.rcpt_delay = 0
    services.forum.start_worker(TASKS_STALE_SECONDS="3", EMAIL_SENDING_STALE_SECONDS="3")
    expected = sorted(expected * 2)  # the first answer's e-mails and this one's
    _wait_for_mail(services, seeded, len(expected))
    wait_for(
        lambda: services.postgres.query(running)[0] == (0,),
        timeout=20,
        what="the stale task to be run again",
    )
    messages = _mail_for(services, seeded)
    assert sorted(address for address, _id in messages) == expected
    assert _each_once(messages)


# --- PostgreSQL ----------------------------------------------------------------------------


def test_the_site_and_the_worker_ride_out_a_postgresql_restart(services):
    seeded = services.forum.seed(members=1, followers=2)
    member, thread = seeded["members"][0], seeded["threads"][0]
    reader = services.browser()
    services.postgres.stop()
    try:
        status, page = services.browser(member["session"]).get("/")
        assert status >= HTTPStatus.INTERNAL_SERVER_ERROR
        assert "Sorry, something went wrong on our side" in page  # templates/500.html
        assert "may not have been saved" in page
        assert "Traceback" not in page
        time.sleep(2)  # the worker meets the database gone
    finally:
        services.postgres.start()

    wait_for(
        lambda: services.forum.status("/healthz") == HTTPStatus.OK, timeout=15, what="/healthz"
    )
    member_browser = services.browser(member["session"])
    for _ in range(6):  # both gunicorn workers, each with a connection from before
        assert reader.get(thread["url"])[0] == HTTPStatus.OK
        assert member_browser.get(thread["url"])[0] == HTTPStatus.OK
    assert services.forum.worker.poll() is None, services.forum.log("worker.log")
    status, _body, _headers = services.reply(member, thread, ANSWER)
    assert status == HTTPStatus.FOUND
    expected = _expected_mail(seeded, thread)
    messages = _wait_for_mail(services, seeded, len(expected))
    assert sorted(address for address, _id in messages) == expected
    assert _each_once(messages)


# --- The same answer sent many times at once ----------------------------------------------


def test_a_hundred_identical_answers_at_once_are_stored_once(services):
    seeded = services.forum.seed(members=1, followers=2)
    member, thread = seeded["members"][0], seeded["threads"][0]
    body = ("We waited eleven days for the blood test and it was the longest wait. " * 300)[:20_000]
    browser = services.browser(member["session"])
    token = browser.csrf(thread["url"])
    results: list[tuple[int, str, object]] = []
    start = threading.Barrier(100)

    def send() -> None:
        mine = services.browser(member["session"])
        mine.cookies.update(browser.cookies)
        start.wait()
        status, _body, headers = mine.post(f"/t/{thread['id']}/reply/", {"body": body}, token=token)
        results.append((status, headers.get("Location", ""), mine))

    senders = [threading.Thread(target=send) for _ in range(100)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=120)

    assert Counter(status for status, _location, _browser in results) == {HTTPStatus.FOUND: 100}
    stored = services.postgres.query(
        "SELECT id FROM forum_post WHERE thread_id = %s AND NOT is_question", (thread["id"],)
    )
    assert len(stored) == 1
    assert all(location.endswith(f"#post-{stored[0][0]}") for _s, location, _b in results)
    # Each is told, kindly, on the page she lands on.
    said = Counter()
    for _status, location, sender in results:
        status, page = sender.get(location)
        assert status == HTTPStatus.OK
        said["kept once"] += "Nothing you wrote is lost" in page
        said["posted"] += "your answer has been posted" in page
    assert said == {"kept once": 99, "posted": 1}
    expected = _expected_mail(seeded, thread)
    assert sorted(a for a, _id in _wait_for_mail(services, seeded, len(expected))) == expected
