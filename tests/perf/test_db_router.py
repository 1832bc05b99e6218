"""With DATABASE_REPLICA_URL set, reads go to the replica and everything else to the primary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config import db_router
from forum.models import Thread

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def router():
    db_router._unpin()
    yield db_router.ReplicaRouter()
    db_router._unpin()


def test_reads_go_to_the_replica(router):
    assert router.db_for_read(Thread) == "replica"


def test_writes_go_to_the_primary_and_so_do_the_reads_after_them(router):
    assert router.db_for_write(Thread) == "default"
    assert router.db_for_read(Thread) == "default"


def test_reads_inside_a_transaction_go_to_the_primary(router, monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(Thread) == "default"


def test_a_new_request_reads_from_the_replica_again(router):
    from django.core.signals import request_started

    router.db_for_write(Thread)
    receivers = request_started._live_receivers(None)[0]
    assert db_router._unpin in receivers

    db_router._unpin()  # what request_started does at the start of the next request
    assert router.db_for_read(Thread) == "replica"


def test_migrations_run_on_the_primary_only(router):
    assert router.allow_migrate("default", "forum")
    assert not router.allow_migrate("replica", "forum")


@override_settings(DATABASE_REPLICA_LAG_SECONDS=5)
def test_a_member_who_just_posted_reads_from_the_primary_for_a_few_seconds(router):
    middleware = db_router.PinPrimaryMiddleware(lambda request: HttpResponse("ok"))
    response = middleware(RequestFactory().post("/t/1/reply/"))
    assert response.cookies[db_router.PIN_COOKIE]["max-age"] == 5

    db_router._unpin()
    request = RequestFactory().get("/t/1/x/")
    request.COOKIES[db_router.PIN_COOKIE] = "1"
    middleware(request)
    assert router.db_for_read(Thread) == "default"


def _settings_with(env: dict) -> dict:
    code = (
        "import json, config.settings as s; print(json.dumps({'aliases': sorted(s.DATABASES),"
        " 'routers': getattr(s, 'DATABASE_ROUTERS', []), 'middleware': s.MIDDLEWARE,"
        " 'mirror': s.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')}))"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_settings_add_the_replica_and_router_only_when_a_replica_url_is_set():
    without = _settings_with({})
    assert without["aliases"] == ["default"]
    assert without["routers"] == []

    replica = "postgres://reader@replica.internal:5432/forum"
    with_replica = _settings_with({"DATABASE_REPLICA_URL": replica})
    assert with_replica["aliases"] == ["default", "replica"]
    assert with_replica["routers"] == ["config.db_router.ReplicaRouter"]
    assert "config.db_router.PinPrimaryMiddleware" in with_replica["middleware"]
    assert with_replica["mirror"] == "default"
