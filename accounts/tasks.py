"""Background work for accounts (django-tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from accounts import deletion


@task()
def carry_out_account_deletion(*, deletion_id: int) -> bool:
    """Anonymise an account at the end of its cool-off, unless the member cancelled."""
    return deletion.carry_out(deletion_id=deletion_id)
