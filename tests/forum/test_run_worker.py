"""`manage.py run_worker` keeps going: killed workers' tasks come back, a lost database waits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.management.commands import run_worker

pytestmark = pytest.mark.django_db


def _task(status: str, started_minutes_ago: int) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="forum.notifications.send_new_answer_emails",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
    )


def test_a_task_left_running_by_a_killed_worker_goes_back_in_the_queue(settings):
    settings.TASKS_STALE_SECONDS = 600
    abandoned = _task("RUNNING", started_minutes_ago=11)
    working = _task("RUNNING", started_minutes_ago=2)
    assert run_worker.requeue_stale_tasks(backend_name="default") == 1
    abandoned.refresh_from_db()
    working.refresh_from_db()
    assert abandoned.status == "READY"
    assert working.status == "RUNNING"
    assert DBTaskResult.objects.ready().filter(pk=abandoned.pk).exists()


def test_the_worker_waits_for_the_database_instead_of_exiting(monkeypatch):
    worker = run_worker.SteadyWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    calls = []

    def claim_next():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return None, True

    waits = []
    monkeypatch.setattr(worker, "_claim_next", claim_next)
    monkeypatch.setattr(run_worker.time, "sleep", waits.append)
    # The loop alone: the test's own database connection stays open.
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(run_worker, "requeue_stale_tasks", lambda **kwargs: 0)
    monkeypatch.setattr(run_worker, "deliver_answer_emails", lambda: 0)
    monkeypatch.setattr(run_worker.connections, "all", lambda **kwargs: [])
    worker.run()  # batch mode: returns once the queue is read and empty
    assert len(calls) == 3
    assert len(waits) == 2
    assert waits[1] > waits[0]
