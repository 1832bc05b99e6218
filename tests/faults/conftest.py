"""One forum on loopback (gunicorn with 2 workers, run_worker) on a PostgreSQL, a Redis and
an SMTP sink of its own (bench/stack.py), shared by the fault tests, which stop, pause and
restart those services: never the machine's own.

The stack takes about 30 s to start and the tests about a minute more, so they run with
`make test-faults` (or RUN_FAULT_TESTS=1); `make test` lists them as skipped. They skip
with the reason when redis-server, the PostgreSQL server binaries or aiosmtpd are missing.
"""

from __future__ import annotations

import os

import pytest

from bench import stack as stack_module


def pytest_collection_modifyitems(config, items):
    if os.environ.get("RUN_FAULT_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="fault tests run with `make test-faults` (RUN_FAULT_TESTS=1)")
    for item in items:
        if item.get_closest_marker("faults"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def stack():
    lacks = stack_module.missing()
    if lacks:
        pytest.skip("needs " + ", ".join(lacks))
    parts = []
    try:
        postgres = stack_module.OwnPostgres()
        parts.append(postgres)
        redis = stack_module.OwnRedis()
        parts.append(redis)
        smtp = stack_module.SmtpSink()
        parts.append(smtp)
        forum = stack_module.Forum(postgres=postgres, redis=redis, smtp=smtp, workers=2)
        parts.append(forum)
        forum.start_server()
        forum.start_worker()
        yield Stack(postgres, redis, smtp, forum)
    finally:
        for part in reversed(parts):
            if isinstance(part, stack_module.Forum):
                # What the servers said, shown by pytest when a test failed.
                print(part.log("gunicorn.log")[-3000:])
                print(part.log("worker.log")[-3000:])
            part.close()


class Stack:
    def __init__(self, postgres, redis, smtp, forum) -> None:
        self.postgres = postgres
        self.redis = redis
        self.smtp = smtp
        self.forum = forum

    def browser(self, session: str | None = None) -> stack_module.Browser:
        return stack_module.Browser(self.forum.url, session)

    def reply(self, member: dict, thread: dict, body: str):
        browser = self.browser(member["session"])
        token = browser.csrf(thread["url"])
        return browser.post(f"/t/{thread['id']}/reply/", {"body": body}, token=token)


@pytest.fixture
def services(stack):
    """The stack, with every service running and the sink emptied."""
    if stack.redis.process.poll() is not None:
        stack.redis.start()
    stack.redis.resume()
    if stack.smtp.controller is None:
        stack.smtp.start()
    stack.smtp.rcpt_delay = 0
    with stack.smtp.lock:
        stack.smtp.received.clear()
    if stack.forum.worker is None or stack.forum.worker.poll() is not None:
        stack.forum.start_worker()
    return stack
