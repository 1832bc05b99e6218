"""The embedded default holds several writers at once, as `make run` has them.

Three processes post answers through forum.services into one SQLite file while the task
worker (`manage.py run_worker`) sends the e-mails those answers queue, writing to the same
file, and a thread keeps reading it. No writer may fail with "database is locked", and
every answer and every e-mail task must be stored. PostgreSQL has its own test suite.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]
WRITERS = 3
ANSWERS_EACH = 40
SUCCEEDED = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from forum.models import Category
from forum.services import start_thread
User = get_user_model()
asker = User.objects.create_user(username="asker", email="asker@example.com", display_name="A")
for n in range({writers}):
    User.objects.create_user(username=f"writer{{n}}", email=f"w{{n}}@example.com", display_name="W")
category = Category.objects.create(name="IVF", slug="ivf")
thread = start_thread(author=asker, category=category, title="Transfer day", body="How was it?")
print(thread.pk)
"""

WRITER = """
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from forum.models import Thread
from forum.services import post_reply
name, thread_id, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
author = get_user_model().objects.get(username=name)
for n in range(count):
    thread = Thread.objects.get(pk=thread_id)
    post_reply(author=author, thread=thread, body=f"Answer {n} from {name}: it settled quickly.")
"""


def _env(tmp_path: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'forum.sqlite3'}",
        TASKS_BACKEND="database",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "outbox"),
        RATE_LIMITS="0",
    )
    return env


def _count(db: Path, sql: str, *params) -> int:
    with sqlite3.connect(db, timeout=20) as conn:
        return conn.execute(sql, params).fetchone()[0]


@pytest.mark.skipif(settings.USING_POSTGRES, reason="about the embedded SQLite default")
def test_several_processes_write_to_one_sqlite_file_without_losing_anything(tmp_path):
    env = _env(tmp_path)
    db = tmp_path / "forum.sqlite3"
    setup = subprocess.run(
        [sys.executable, "-c", SETUP.format(writers=WRITERS)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    thread_id = setup.stdout.strip().splitlines()[-1]

    read_errors: list[Exception] = []
    reads = 0
    stop = threading.Event()

    def read() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                _count(db, "SELECT count(*) FROM forum_post")
                reads += 1
            except sqlite3.OperationalError as error:
                read_errors.append(error)
            time.sleep(0.01)

    reader = threading.Thread(target=read)
    reader.start()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.05"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"writer{n}", thread_id, str(ANSWERS_EACH)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    try:
        outputs = [writer.communicate(timeout=240) for writer in writers]
        answers = WRITERS * ANSWERS_EACH
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if _count(db, SUCCEEDED) >= answers:
                break
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker_err = worker.communicate(timeout=30)[1]
        stop.set()
        reader.join()

    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err[-2000:]
        assert "database is locked" not in err
    assert "database is locked" not in worker_err
    assert read_errors == []
    assert reads > 0
    answers_stored = "SELECT count(*) FROM forum_post WHERE is_question = 0"
    assert _count(db, answers_stored) == answers
    assert _count(db, "SELECT reply_count FROM forum_thread WHERE id = ?", thread_id) == answers
    # One "new answer" e-mail task per answer, each sent by the worker.
    assert _count(db, "SELECT count(*) FROM django_tasks_database_dbtaskresult") == answers
    assert _count(db, SUCCEEDED) == answers
