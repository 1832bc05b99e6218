"""accounts 0003: experts verified before the professional name existed keep working."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0002_user_unread_notices_accountdeletion")]
AFTER = [("accounts", "0003_expert_professional_identity")]


# serialized_rollback as every transactional test here: see tests/conftest.py.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_verified_expert_stays_verified_unlinked_and_without_a_made_up_name():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(
        username="hp", email="hp@example.com", display_name="H.P."
    )
    old.get_model("accounts", "ExpertProfile").objects.create(
        user=user, title="Clinical Pharmacist", organisation="Bristol", status="verified"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    profile = new.get_model("accounts", "ExpertProfile").objects.get(user_id=user.pk)

    assert profile.status == "verified"
    assert profile.professional_name == ""  # never the member's display name
    assert profile.linked_to_member is False
    assert profile.link_consented_at is None

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to today for the next tests
