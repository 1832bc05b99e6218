"""Two app servers sharing one PostgreSQL and one Redis behave as one site.

Starts two gunicorn processes (production settings) on different ports against the test
database, with a Redis key prefix unique to this run, and shows that a session, a page
cache invalidation, a member's change to their own thread page and a rate limit hold
across both. Skips without PostgreSQL or Redis.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from http import HTTPStatus
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
START_TIMEOUT = 40
PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _redis_or_skip():
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
    except Exception as error:  # any failure to reach Redis means "cannot run here"
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    return client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Both servers sit behind one public name, as behind a load balancer; allauth's per-account
# login limit is keyed on the site's host name.
PUBLIC_HOST = "forum.test"


class Browser:
    """A tiny cookie-keeping HTTP client for one site, whichever server answers."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Host": PUBLIC_HOST})
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=15)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, response.read().decode(), dict(response.headers)

    def get(self, url: str) -> tuple[int, str]:
        status, body, _headers = self.request(url)
        return status, body

    def post_form(self, page_url: str, action_url: str, data: dict) -> tuple[int, str, dict]:
        """GET the page holding the form, then POST to the action with its CSRF token."""
        status, page = self.get(page_url)
        assert status == HTTPStatus.OK, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on " + page_url
        return self.request(action_url, {**data, "csrfmiddlewaretoken": token.group(1)})


@dataclass(frozen=True)
class TwoServers:
    a: str
    b: str
    cache_prefix: str


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Two gunicorn servers for the whole module (starting them is the slow part)."""
    tmp_path = tmp_path_factory.mktemp("two-servers")
    if not settings.USING_POSTGRES:
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): two servers share one")
    redis_client = _redis_or_skip()
    prefix = f"two-servers-{uuid.uuid4().hex[:12]}"
    db = connection.settings_dict
    database_url = (
        f"postgres://{urllib.parse.quote(db['USER'] or '')}"
        f"{':' + urllib.parse.quote(db['PASSWORD']) if db['PASSWORD'] else ''}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    # PYTEST_VERSION stays: the servers use the test settings' fast password hasher too.
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY="two-servers-" + uuid.uuid4().hex * 2,
        ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        RATE_LIMITS="1",
        TASKS_BACKEND="immediate",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESSLOG="",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    # Production pages link hashed static files: the manifest must exist.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    servers, urls, logs = [], [], []
    try:
        for n in range(2):
            port = _free_port()
            logs.append((tmp_path / f"server-{n}.log").open("wb"))
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "config.wsgi:application",
                        "-c",
                        "config/gunicorn.conf.py",
                    ],
                    cwd=BASE_DIR,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    stdout=logs[-1],
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for server, url, log in zip(servers, urls, logs, strict=True):
            _wait_until_healthy(server, url, Path(log.name))
        yield TwoServers(urls[0], urls[1], prefix)
    finally:
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=5)
        keys = list(redis_client.scan_iter(match=f"{prefix}:*", count=500))
        if keys:
            redis_client.delete(*keys)
        for log in logs:
            log.close()
            # Shown by pytest when a test fails: what the servers said.
            print(Path(log.name).read_text(errors="replace")[-3000:])


@pytest.fixture
def two_servers(servers, transactional_db):
    """The servers, with this test's rows committed and no sessions or counters left over."""
    client = _redis_or_skip()
    keys = list(client.scan_iter(match=f"{servers.cache_prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    return servers


def _wait_until_healthy(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server on {url} exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == HTTPStatus.OK:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server on {url} did not answer /healthz within {START_TIMEOUT}s")


def _log_in(browser: Browser, server: str, email: str, password: str) -> tuple[int, str]:
    status, body, _headers = browser.post_form(
        f"{server}/accounts/login/",
        f"{server}/accounts/login/",
        {"login": email, "password": password},
    )
    return status, body


def test_a_session_started_on_one_server_is_signed_in_on_the_other(two_servers, member):
    server_a, server_b = two_servers.a, two_servers.b
    browser = Browser()

    status, _body = _log_in(browser, server_a, member.email, PASSWORD)
    assert status == HTTPStatus.FOUND

    status, page = browser.get(f"{server_b}/")
    assert status == HTTPStatus.OK
    assert "Log out" in page
    assert member.display_name in page


def test_an_answer_posted_through_one_server_shows_at_once_on_the_others_cached_page(
    two_servers, thread, member, user_factory
):
    server_a, server_b = two_servers.a, two_servers.b
    import redis

    page_path = thread.get_absolute_url()
    reader = Browser()
    for server in (server_a, server_b, server_a):
        status, page = reader.get(server + page_path)
        assert status == HTTPStatus.OK
        assert "the clinic phoned us on day nine" not in page
    cached = list(
        redis.Redis.from_url(REDIS_URL).scan_iter(
            match=f"{two_servers.cache_prefix}:*page:*", count=500
        )
    )
    assert cached, "the anonymous thread page should be in the shared cache"

    answerer = user_factory(username="anya", display_name="A.N.")
    writer = Browser()
    assert _log_in(writer, server_b, answerer.email, PASSWORD)[0] == HTTPStatus.FOUND
    status, _body, headers = writer.post_form(
        server_b + page_path,
        f"{server_b}/t/{thread.pk}/reply/",
        {"body": "We waited a while for results, and the clinic phoned us on day nine."},
    )
    assert status == HTTPStatus.FOUND, _body[:2000]

    for server in (server_a, server_b):
        status, page = reader.get(server + page_path)
        assert status == HTTPStatus.OK
        assert "the clinic phoned us on day nine" in page


def test_a_members_follow_through_one_server_shows_on_the_others_shared_copy(
    two_servers, thread, outsider
):
    """Each server keeps the members' shared copy and their user rows in memory or Redis;
    a change made through one is seen at once through the other."""
    server_a, server_b = two_servers.a, two_servers.b
    page_path = thread.get_absolute_url()
    browser = Browser()
    assert _log_in(browser, server_a, outsider.email, PASSWORD)[0] == HTTPStatus.FOUND
    for server in (server_a, server_b, server_a, server_b):
        status, page = browser.get(server + page_path)
        assert status == HTTPStatus.OK
        assert outsider.display_name in page  # their own header, from the shared copy
        assert "Unfollow" not in page

    status, _body, _headers = browser.post_form(
        server_b + page_path, f"{server_b}/t/{thread.pk}/follow/", {"action": "follow"}
    )
    assert status == HTTPStatus.FOUND
    browser.get(server_b + page_path)  # shows (and so uses up) the "You follow" message

    for server in (server_a, server_b):
        status, page = browser.get(server + page_path)
        assert status == HTTPStatus.OK
        assert "Unfollow" in page


def test_failed_logins_are_counted_across_both_servers(two_servers, member):
    server_a, server_b = two_servers.a, two_servers.b
    attacker = Browser()
    # allauth allows five failed attempts per account (ACCOUNT_LOGIN_ATTEMPTS_LIMIT).
    for attempt in range(5):
        server = (server_a, server_b)[attempt % 2]
        status, page = _log_in(attacker, server, member.email, "not-the-password")
        assert "Too many tries to log in" not in page

    for server in (server_a, server_b):
        status, page = _log_in(attacker, server, member.email, PASSWORD)
        assert status != HTTPStatus.FOUND
        assert "Too many tries to log in" in page
