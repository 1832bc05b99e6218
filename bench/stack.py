"""A whole forum on loopback for fault tests and `make soak`, with services of its own.

A PostgreSQL (initdb in a temporary folder, on a free port), a Redis (`redis-server` on a
free port, keeping nothing on disk), a local SMTP sink (aiosmtpd, in this process),
gunicorn under production settings and `manage.py run_worker`. Each can be stopped,
paused and started again without touching the machine's own services.

`missing()` says what is not installed (callers skip, and say why).
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, *, timeout: float, what: str, every: float = 0.1):
    """Call `check()` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(every)


def _postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def missing() -> list[str]:
    """What this machine lacks for a stack of its own."""
    lacks = []
    if not shutil.which("redis-server"):
        lacks.append("redis-server")
    pg = _postgres_bin()
    if pg is None or not (pg / "initdb").exists() or not (pg / "postgres").exists():
        lacks.append("PostgreSQL server binaries (initdb, pg_ctl)")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        lacks.append("runuser (PostgreSQL refuses to run as root)")
    return lacks


# --- PostgreSQL ----------------------------------------------------------------------------


class OwnPostgres:
    """A throwaway PostgreSQL cluster on a free port (fsync off: a test, not a store)."""

    def __init__(self) -> None:
        self.bin = _postgres_bin()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="forum-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self._as_postgres = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
        self._run(
            [self.bin / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
            "--no-sync",
        )
        self.start()
        self._run([self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "forum"])

    def _run(self, command, *extra) -> None:
        subprocess.run(
            [*self._as_postgres, *map(str, command), *extra],
            check=True,
            capture_output=True,
            timeout=120,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/forum"

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of one query, on a connection of its own (none is kept open)."""
        with psycopg.connect(self.url, connect_timeout=5, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100"
        )
        self._run(
            [self.bin / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w"], "start"
        )

    def stop(self) -> None:
        self._run([self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w"], "stop")

    def restart(self) -> None:
        self._run([self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w"], "restart")

    def close(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


# --- Redis ---------------------------------------------------------------------------------


class OwnRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, timeout=10, what="redis-server")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def pause(self) -> None:
        """Still listening, answering nothing (a hung or partitioned Redis): data kept."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
        self.stop()


# --- SMTP sink -----------------------------------------------------------------------------


class SmtpSink:
    """Accepts every message and keeps (recipient, Message-ID) pairs; can go down and up."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.rcpt_delay = 0.0
        self.controller = None
        self.start()

    def start(self) -> None:
        sink = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):
                if sink.rcpt_delay:
                    await asyncio.sleep(sink.rcpt_delay)
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                content = envelope.content.decode("utf8", errors="replace")
                found = re.search(r"^Message-ID:\s*(\S+)", content, re.MULTILINE | re.IGNORECASE)
                with sink.lock:
                    for address in envelope.rcpt_tos:
                        sink.received.append((address, found.group(1) if found else ""))
                return "250 Message accepted"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def count(self) -> int:
        with self.lock:
            return len(self.received)

    def messages(self) -> list[tuple[str, str]]:
        with self.lock:
            return list(self.received)

    close = stop


# --- The forum: gunicorn and the worker ------------------------------------------------------


class Forum:
    """gunicorn and run_worker under production settings, on the services given."""

    def __init__(
        self,
        *,
        postgres: OwnPostgres,
        redis: OwnRedis,
        smtp: SmtpSink,
        workers: int = 1,
        extra_env: dict | None = None,
    ) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="forum-stack-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
            "DJANGO_ENV": "production",
            "DEBUG": "0",
            "SECRET_KEY": "stack-" + secrets.token_hex(32),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.url,
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "CACHE_KEY_PREFIX": "stack",
            "TASKS_BACKEND": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "5",
            "EMAIL_RETRY_BASE_SECONDS": "1",
            "EMAIL_RETRY_MAX_SECONDS": "4",
            "TASKS_UPKEEP_SECONDS": "1",
            "STATIC_ROOT": str(BASE_DIR / "var" / "stack-static"),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_ACCESSLOG": "",
            "GUNICORN_MAX_REQUESTS": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.manage("migrate", "--noinput", "-v0", timeout=300)
        self.manage("collectstatic", "--noinput", "-v0", timeout=300)

    def manage(self, *args: str, timeout: float = 120, env: dict | None = None) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def _spawn(self, command: list[str], log_name: str, env: dict | None = None):
        log = (self.root / log_name).open("ab")
        return subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_server(self) -> None:
        self.server = self._spawn(
            [PYTHON, "-m", "gunicorn", "config.wsgi:application", "-c", "config/gunicorn.conf.py"],
            "gunicorn.log",
        )
        wait_for(lambda: self.status("/healthz") == 200, timeout=60, what="gunicorn")

    def start_worker(self, **env: str) -> subprocess.Popen:
        self.worker = self._spawn(
            [
                PYTHON,
                "manage.py",
                "run_worker",
                "--no-startup-delay",
                "--no-reload",
                "--interval",
                "0.2",
            ],
            "worker.log",
            env=env,
        )
        return self.worker

    def kill_worker(self) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGKILL)
            self.worker.wait(timeout=10)

    def status(self, path: str) -> int | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def log(self, name: str) -> str:
        path = self.root / name
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def seed(self, *, members: int, followers: int, threads: int = 1) -> dict:
        """Members with sessions (cookies), and threads each followed by its asker and by
        `followers` others (their addresses: "followers"; the asker's: thread["asker"])."""
        out = self.manage(
            "shell",
            "-c",
            _SEED.replace("MEMBERS", str(members))
            .replace("FOLLOWERS", str(followers))
            .replace("THREADS", str(threads)),
        )
        return json.loads(out.strip().splitlines()[-1])

    def close(self) -> None:
        for process in (self.server, self.worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (self.server, self.worker):
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


# Runs inside `manage.py shell` with the forum's settings. Sessions are made directly (no
# password hashing), as a browser that signed in earlier would hold.
_SEED = """
import json, secrets
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils.module_loading import import_string
from forum.models import Category, ThreadFollow
from forum.services import start_thread

User = get_user_model()
tag = secrets.token_hex(4)
store = import_string(settings.SESSION_ENGINE + ".SessionStore")
category, _ = Category.objects.get_or_create(slug="ivf", defaults={"name": "IVF"})
people = []
for n in range(MEMBERS + FOLLOWERS + THREADS):
    name = f"m{tag}{n}"
    user = User.objects.create_user(username=name, email=f"{name}@example.org",
        password=secrets.token_hex(16), display_name=f"Member {tag} {n}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    people.append(user)
askers = people[:THREADS]
followers = people[THREADS:THREADS + FOLLOWERS]
members = people[THREADS + FOLLOWERS:]
threads = []
for n, asker in enumerate(askers):
    thread = start_thread(author=asker, category=category, title=f"Waiting for results {tag} {n}",
        body="We had our transfer last week and the wait feels endless. How did you cope?")
    ThreadFollow.objects.bulk_create([ThreadFollow(thread=thread, user=f) for f in followers])
    threads.append({"id": thread.pk, "url": thread.get_absolute_url(), "asker": asker.email})
cookies = {}
for user in members:
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookies[user.pk] = session.session_key
print(json.dumps({"threads": threads, "members": [
    {"id": u.pk, "name": u.display_name, "session": cookies[u.pk]} for u in members],
    "followers": sorted(f.email for f in followers)}))
"""


class Browser:
    """A small cookie-keeping HTTP client (no redirects followed)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str, session: str | None = None) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        if session:
            self.cookies["sessionid"] = session
        self.opener = urllib.request.build_opener(self._NoRedirect)

    def request(self, path: str, data: dict | None = None, timeout: float = 60):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, response.read().decode(errors="replace"), response.headers

    def get(self, path: str):
        status, body, _headers = self.request(path)
        return status, body

    def csrf(self, path: str) -> str:
        status, page = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not found:
            raise AssertionError(f"no form on {path} ({status}): {page[:300]}")
        return found.group(1)

    def post(self, path: str, data: dict, *, token: str):
        return self.request(path, {**data, "csrfmiddlewaretoken": token})
