"""`manage.py run_worker`: django-tasks-db's `db_worker`, made to keep going.

What it adds to db_worker (same options):
- the database going away (a PostgreSQL restart, a dropped connection) pauses the worker
  with growing waits instead of ending it; it carries on when the database is back;
- every TASKS_UPKEEP_SECONDS it sends the new-answer e-mails that are due (retries, and
  any whose task was lost: forum.notifications) and puts tasks left RUNNING for longer
  than TASKS_STALE_SECONDS (their worker was killed) back in the queue.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from forum.notifications import deliver_answer_emails

logger = logging.getLogger("forum.worker")

# Longest pause between tries while the database is away.
MAX_DATABASE_WAIT = 10.0


def requeue_stale_tasks(*, backend_name: str) -> int:
    """Put tasks RUNNING for longer than TASKS_STALE_SECONDS back in the queue."""
    cutoff = timezone.now() - timedelta(seconds=settings.TASKS_STALE_SECONDS)
    count = (
        DBTaskResult.objects.running()
        .filter(backend_name=backend_name, started_at__lt=cutoff)
        .update(status="READY")
    )
    if count:
        logger.warning("Put %d task(s) left running by a stopped worker back in the queue", count)
    return count


class SteadyWorker(Worker):
    def run(self) -> None:
        logger.info("Starting worker %s", self.worker_id)
        failures = 0
        next_upkeep = 0.0
        while self.running:
            try:
                close_old_connections()
                if time.monotonic() >= next_upkeep:
                    requeue_stale_tasks(backend_name=self.backend_name)
                    deliver_answer_emails()
                    next_upkeep = time.monotonic() + settings.TASKS_UPKEEP_SECONDS
                task_result, looked = self._claim_next()
                if task_result is not None:
                    self.run_task(task_result)
                failures = 0
            except (OperationalError, InterfaceError) as exc:
                failures += 1
                wait = min(MAX_DATABASE_WAIT, 0.25 * 2**failures)
                logger.warning(
                    "The database is not answering (%s); trying again in %.1f s", exc, wait
                )
                for connection in connections.all(initialized_only=True):
                    with contextlib.suppress(DatabaseError):
                        connection.close()  # a new one is opened on the next query
                time.sleep(wait)
                continue
            if self.batch and looked and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _claim_next(self) -> tuple[DBTaskResult | None, bool]:
        """The next ready task, claimed for this worker; and whether the queue was read."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as exc:
                if is_locked_database_exception(exc):  # SQLite busy: try again shortly
                    return None, False
                raise
        return task_result, True


class Command(DBWorkerCommand):
    help = "Run background tasks and send due e-mails, riding out database restarts"

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if verbosity == 0:
            logger.setLevel(logging.CRITICAL)
        worker = SteadyWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
