"""`make bench`: serve the seeded forum with gunicorn and measure it with wrk.

1. Makes sure PostgreSQL holds the forum at the requested size (database perf_bench by
   default; seeds it with `manage.py seed_scale` when it is missing or another size).
2. Collects static files under production settings (whitenoise, hashed and compressed).
3. Runs bench/probe.py in-process: picks the pages, signs two seeded members in, counts
   SQL queries per page and times a render without the page cache.
4. Starts gunicorn (production settings, sync workers, Redis cache and sessions) on
   127.0.0.1, drives each page with wrk for a bounded time while sampling the workers'
   resident memory from /proc, then prints a table and writes bench/results/latest.json.

Everything is on loopback; nothing is left running afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psycopg
import redis
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
PYTHON = sys.executable


def main() -> int:
    args = _arguments()
    RESULTS.mkdir(parents=True, exist_ok=True)
    wrk = _ensure_wrk()
    _check_services(args)
    seeding = _ensure_seeded(args)
    env = _server_env(args)
    _run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, timeout=300)
    print("--- probing pages (SQL queries, uncached render time)")
    probe = json.loads(_run([PYTHON, "bench/probe.py"], env=env, timeout=600, capture=True).stdout)
    server = _start_gunicorn(args, env)
    try:
        base = f"http://127.0.0.1:{args.port}"
        _wait_healthy(base)
        static = _check_static(base)
        # The first seconds of load on fresh workers are slow (imports, first renders,
        # connections): two seconds of it, unmeasured, keep them out of the first row.
        _wrk(wrk, base + "/bench/floor", "", argparse.Namespace(**{**vars(args), "duration": 2}))
        rows = []
        for page in probe["pages"]:
            cookie = probe["cookies"][page["signed_in"]] if page["signed_in"] else ""
            _warm(base + page["path"], cookie, signed_in=page["signed_in"])
            print(f"--- wrk {page['name']}: {page['path']}", flush=True)
            sampler = _MemorySampler(server.pid)
            sampler.start()
            try:
                stats = _wrk(wrk, base + page["path"], cookie, args)
            finally:
                sampler.stop()
            rows.append({**page, **stats, "peak_worker_rss_mb": sampler.peak_mb})
    finally:
        _stop(server)
        _delete_cache_keys(args.redis_url, env["CACHE_KEY_PREFIX"])
    report = _report(rows, seeding, static, args, probe.get("smallest_thread"))
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    _print_table(report)
    print(f"\nWritten: {RESULTS / 'latest.json'}")
    if args.strict and not all(t["ok"] for t in report["targets"]):
        return 1
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", 100000)))
    parser.add_argument(
        "--answers-per-thread", type=int, default=int(os.environ.get("BENCH_ANSWERS", 9))
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perf_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8041)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per page.")
    parser.add_argument("--connections", type=int, default=0, help="Default: 2 x workers.")
    parser.add_argument("--reseed", action="store_true", help="Drop and seed the database.")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    args = parser.parse_args()
    args.connections = args.connections or 2 * args.workers
    return args


# --- Prerequisites ---------------------------------------------------------------------


def _ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("--- installing wrk (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-qq"], check=False)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        found = shutil.which("wrk")
    if not found:
        sys.exit(
            "wrk is needed: `sudo apt-get install -y wrk` (Debian/Ubuntu) or "
            "`brew install wrk` (macOS), then run `make bench` again."
        )
    return found


def _check_services(args) -> None:
    try:
        psycopg.connect(_admin_url(args.database_url), connect_timeout=5).close()
    except psycopg.Error as error:
        sys.exit(f"PostgreSQL is not answering at {args.database_url}: {error}")
    try:
        redis.Redis.from_url(args.redis_url, socket_timeout=3).ping()
    except redis.RedisError as error:
        sys.exit(f"Redis is not answering at {args.redis_url}: {error}")


def _admin_url(url: str) -> str:
    params = conninfo_to_dict(url)
    params["dbname"] = "postgres"
    return make_conninfo(**params)


def _db_name(url: str) -> str:
    return conninfo_to_dict(url)["dbname"]


def _ensure_seeded(args) -> dict:
    """Seed the bench database unless it already holds this size. Returns seeding facts."""
    name = _db_name(args.database_url)
    if name in {"forum", "forum_ci"}:
        sys.exit(f"Refusing to benchmark (and maybe drop) the database {name!r}.")
    wanted = {"threads": args.threads, "answers_per_thread": args.answers_per_thread}
    seeded = None
    with psycopg.connect(_admin_url(args.database_url), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and args.reseed:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_seed "
            "(threads int, answers_per_thread int, seconds float, seeded_at timestamptz)"
        )
        row = conn.execute(
            "SELECT threads, answers_per_thread, seconds, seeded_at FROM bench_seed"
        ).fetchone()
        if row:
            seeded = {
                "threads": row[0],
                "answers_per_thread": row[1],
                "seconds": row[2],
                "seeded_at": row[3].isoformat(),
            }
    env = {**_base_env(), "DATABASE_URL": args.database_url}
    if seeded and {k: seeded[k] for k in wanted} != wanted:
        print(f"--- the bench database holds another size ({seeded}); seeding it again")
        args.reseed = True
        return _ensure_seeded(args)
    _run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, timeout=600)
    if seeded:
        print(f"--- bench database already seeded: {seeded}")
        return {**seeded, "reused": True}
    print(f"--- seeding {name}: {args.threads} threads, {args.answers_per_thread} answers each")
    started = time.monotonic()
    _run(
        [
            PYTHON,
            "manage.py",
            "seed_scale",
            "--threads",
            str(args.threads),
            "--answers-per-thread",
            str(args.answers_per_thread),
        ],
        env=env,
        timeout=1800,
    )
    seconds = round(time.monotonic() - started, 1)
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO bench_seed VALUES (%s, %s, %s, now())",
            [args.threads, args.answers_per_thread, seconds],
        )
        posts = conn.execute("SELECT count(*) FROM forum_post").fetchone()[0]
    print(f"--- seeded {posts} posts in {seconds}s")
    return {**wanted, "seconds": seconds, "posts": posts, "reused": False}


# --- The server --------------------------------------------------------------------------


def _base_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(PYTHONUNBUFFERED="1", LOG_LEVEL="WARNING")
    return env


def _server_env(args) -> dict:
    return {
        **_base_env(),
        "DJANGO_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{int(time.time())}",
        "BENCH_ENDPOINTS": "1",
        "STATIC_ROOT": str(RESULTS / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_MAX_REQUESTS": "0",
    }


def _start_gunicorn(args, env) -> subprocess.Popen:
    print(f"--- starting gunicorn: {args.workers} sync workers on 127.0.0.1:{args.port}")
    log = (RESULTS / "gunicorn.log").open("w")
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi:application", "-c", "config/gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_healthy(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not become healthy; see {RESULTS / 'gunicorn.log'}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def _get(url: str, cookie: str = "", headers: dict | None = None):
    request = urllib.request.Request(url, headers={**(headers or {})})
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def _warm(url: str, cookie: str, *, signed_in: bool) -> None:
    for _ in range(3):
        status, _headers, body = _get(url, cookie)
        if status != 200:
            sys.exit(f"{url} answered {status}")
    if signed_in and b"Log out" not in body:
        sys.exit(f"{url} did not show a signed-in page for the seeded member's session")


def _check_static(base: str) -> dict:
    """The stylesheet link is hashed and whitenoise serves it compressed and long-cached."""
    _status, _headers, body = _get(base + "/")
    match = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    if not match:
        return {"hashed": False}
    path = match.group(1).decode()
    _status, headers, _body = _get(base + path, headers={"Accept-Encoding": "br, gzip"})
    return {
        "hashed": True,
        "path": path,
        "content_encoding": headers.get("Content-Encoding", ""),
        "cache_control": headers.get("Cache-Control", ""),
    }


def _delete_cache_keys(redis_url: str, prefix: str) -> None:
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


# --- Measuring -------------------------------------------------------------------------------


class _MemorySampler(threading.Thread):
    """Peak resident memory of the gunicorn master's children (its workers), from /proc."""

    def __init__(self, master_pid: int) -> None:
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.peak_kb = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            for pid in self._workers():
                self.peak_kb = max(self.peak_kb, self._rss_kb(pid))
            self._stopped.wait(0.2)

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=2)

    @property
    def peak_mb(self) -> float:
        return round(self.peak_kb / 1024, 1)

    def _workers(self) -> list[int]:
        workers = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces: split after it.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.master_pid:
                workers.append(int(entry.name))
        return workers

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return round(float(match.group(1)) * _UNITS[match.group(2)], 2) if match else float("nan")


def _wrk(wrk: str, url: str, cookie: str, args) -> dict:
    command = [
        wrk,
        "-t1",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = _run(command + [url], timeout=args.duration + 60, capture=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    return {
        "requests": int(total.group(1)) if total else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": _ms(latency.get("50", "")),
        "p99_ms": _ms(latency.get("99", "")),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket.group(1).strip() if socket else "",
    }


# --- Report ------------------------------------------------------------------------------------


def _report(
    rows: list[dict], seeding: dict, static: dict, args, smallest: dict | None = None
) -> dict:
    by_name = {row["name"]: row for row in rows}
    floor = by_name["floor"]["rps"] or 1.0
    for row in rows:
        row["x_floor"] = round(row["rps"] / floor, 2)
    deep = next(r for r in rows if r["name"].startswith("category p") and r["name"][10:] != "1")
    p1 = by_name["category p1"]
    anonymous = [by_name["thread p1"], by_name["category p1"]]
    signed_in = by_name["thread p1 signed in"]
    answerer = by_name["thread p1 answerer"]
    pages = [r for r in rows if r["name"] != "floor"]
    deep_gap = abs(deep["rps"] - p1["rps"]) / (p1["rps"] or 1.0)
    uncached_gap = abs(deep["uncached_ms"] - p1["uncached_ms"]) / (p1["uncached_ms"] or 1.0)
    targets = [
        _target(
            "anonymous thread and category page >= 0.6 x floor",
            min(r["x_floor"] for r in anonymous) >= 0.6,
            ", ".join(f"{r['name']} {r['x_floor']}x" for r in anonymous),
        ),
        _target(
            "signed-in thread page >= 0.25 x floor",
            signed_in["x_floor"] >= 0.25,
            f"{signed_in['x_floor']}x (p99 {signed_in['p99_ms']} ms)",
        ),
        _target(
            "thread page of a member who answered on it >= 0.2 x floor",
            answerer["x_floor"] >= 0.2,
            f"{answerer['x_floor']}x (p99 {answerer['p99_ms']} ms)",
        ),
        _target(
            f"{deep['name']} within 20% of page 1",
            deep_gap <= 0.2 and uncached_gap <= 0.2,
            f"req/s {deep_gap:.0%} apart; uncached render {deep['uncached_ms']} ms vs "
            f"{p1['uncached_ms']} ms ({uncached_gap:.0%})",
        ),
        _target(
            "thread page (50 answers) rendered with no page cache <= 10 ms",
            by_name["thread p1"]["after_write_ms"] <= 10,
            f"anonymous {by_name['thread p1']['after_write_ms']} ms, signed in "
            f"{signed_in['after_write_ms']} ms (the page rendered, its unchanged posts and "
            f"the related questions' ranking kept, as after a write); with the ranking "
            f"computed too "
            f"{by_name['thread p1']['uncached_ms']} ms"
            + (
                f"; a thread with {smallest['answers']} answers, the same way: "
                f"{smallest['after_write_ms']} ms"
                if smallest
                else ""
            ),
        ),
        *(
            _target(
                f"{name} p99 <= 100 ms (rendered for a member, no page cache)",
                by_name[f"{name} signed in"]["p99_ms"] <= 100,
                f"{by_name[f'{name} signed in']['p99_ms']} ms (page-cache hit for a visitor: "
                f"{by_name[name]['p99_ms']} ms)"
                if name in by_name
                else f"{by_name[f'{name} signed in']['p99_ms']} ms",
            )
            for name in ("search", "search misspelt", "search some words")
        ),
        _target(
            "no page above 12 SQL queries",
            max(r["queries"] for r in pages) <= 12,
            f"max {max(r['queries'] for r in pages)}",
        ),
        _target(
            "a worker under 150 MB resident",
            max(r["peak_worker_rss_mb"] for r in rows) < 150,
            f"peak {max(r['peak_worker_rss_mb'] for r in rows)} MB",
        ),
    ]
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "seed": seeding,
        "server": {
            "workers": args.workers,
            "worker_class": "sync",
            "connections": args.connections,
            "duration_s": args.duration,
        },
        "static": static,
        "pages": rows,
        "targets": targets,
    }


def _target(name: str, ok: bool, detail: str) -> dict:
    return {"target": name, "ok": bool(ok), "detail": detail}


def _print_table(report: dict) -> None:
    header = (
        f"{'page':<22} {'req/s':>8} {'x floor':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'SQL':>4} {'SQL hit':>7} {'miss ms':>8} {'write ms':>8} {'RSS MB':>7} {'errors':>6}"
    )
    seed = report["seed"]
    print(
        f"\nData: {seed.get('threads')} threads x {seed.get('answers_per_thread')} answers "
        f"(seeded in {seed.get('seconds')}s{', reused' if seed.get('reused') else ''}); "
        f"{report['server']['workers']} sync workers, {report['server']['connections']} "
        f"connections, {report['server']['duration_s']}s per page\n"
    )
    print(header)
    print("-" * len(header))
    for row in report["pages"]:
        print(
            f"{row['name']:<22} {row['rps']:>8.1f} {row['x_floor']:>8.2f} {row['p50_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {row['queries']:>4} {row['queries_cached']:>7} "
            f"{row['uncached_ms']:>8.1f} {row.get('after_write_ms', '-'):>8} "
            f"{row['peak_worker_rss_mb']:>7.1f} "
            f"{row['non_2xx']:>6}"
        )
    print(
        "\nSQL = most queries a request made (cache miss); SQL hit = on a cache hit; "
        "miss ms = in-process render with no cache at all (median of 15); write ms = the "
        "render after a write to the thread (page cache stale: the page rendered; its unchanged "
        "posts and the related questions' ranking, which a write does not change, kept).\n"
        "signed in = a member who never wrote, voted or followed in the thread; answerer = a "
        "member with an answer on the page."
    )
    print(f"Static: {report['static']}")
    print("\nTargets:")
    for target in report["targets"]:
        print(f"  [{'ok' if target['ok'] else 'MISSED'}] {target['target']}: {target['detail']}")


def _run(command, *, env=None, timeout, capture=False):
    result = subprocess.run(
        command,
        cwd=BASE_DIR,
        env=env,
        timeout=timeout,
        text=True,
        capture_output=capture,
        check=False,
    )
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        sys.exit(f"failed ({result.returncode}): {' '.join(map(str, command))}")
    return result


if __name__ == "__main__":
    sys.exit(main())
