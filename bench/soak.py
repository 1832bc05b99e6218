"""`make soak`: a busy evening on loopback, with nothing lost and nothing doubled.

Starts a PostgreSQL, a Redis and an SMTP sink of its own (bench/stack.py), gunicorn
(production settings, 2 sync workers) and `manage.py run_worker`, seeds threads followed by
members, then runs CLIENTS concurrent clients for DURATION seconds: anonymous readers,
members replying, members voting "helpful", members reporting posts. Each client has an
address of its own (X-Forwarded-For, one trusted proxy), as real visitors would.

Then it waits for the outbox to drain and checks:
- no request failed (no 5xx, no connection error or timeout);
- every reply the site accepted (a redirect to the new post) is stored exactly once;
- every follower e-mail for every published reply reached the sink exactly once.

Prints a table (requests, errors, p50/p99 per kind) and exits 1 if a check failed.
Options: --clients 200 --duration 60.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import stack  # noqa: E402 - after the path is set

FOLLOWERS = 6
THREADS = 20
# Each reply carries eight of these words, from a random number: unique to one reply, and
# ordinary enough that the checks neither hold it (a run of digits reads as a phone number,
# a string of letters as an advert) nor flag it.
TOKEN_WORDS = [
    *("garden", "river", "candle", "blanket", "teapot", "meadow", "pebble", "window"),
    *("lantern", "orchard", "feather", "harbour", "cottage", "biscuit", "sunrise", "willow"),
]
ROLES = {"reader": 0.70, "replier": 0.15, "voter": 0.10, "flagger": 0.05}
REPLY = (
    "We had three transfers before this one, and what helped most was keeping busy and "
    "talking to my sister every evening. I hope your news is good. (Our words: {token}.)"
)


class Client(threading.Thread):
    def __init__(self, n: int, role: str, base: str, seeded: dict, member, deadline: float):
        super().__init__(daemon=True)
        self.role = role
        self.seeded = seeded
        self.member = member
        self.deadline = deadline
        self.browser = stack.Browser(base, member["session"] if member else None)
        self.browser.opener.addheaders = [("X-Forwarded-For", f"10.9.{n // 250}.{n % 250 + 1}")]
        self.samples: list[tuple[str, int, float]] = []  # (kind, status, seconds)
        self.accepted: list[str] = []  # tokens of replies the site accepted
        self.random = random.Random(n)

    def call(self, kind: str, path: str, data: dict | None = None):
        started = time.monotonic()
        try:
            status, body, headers = self.browser.request(path, data, timeout=30)
        except OSError:
            status, body, headers = 0, "", {}
        self.samples.append((kind, status, time.monotonic() - started))
        return status, body, headers

    def run(self) -> None:
        time.sleep(self.random.uniform(0, 2))  # not all at the same instant
        while time.monotonic() < self.deadline:
            getattr(self, self.role)()

    def _thread(self) -> dict:
        return self.random.choice(self.seeded["threads"])

    def reader(self) -> None:
        thread = self._thread()
        path = self.random.choice(
            [thread["url"]] * 5 + ["/", "/c/ivf/", "/search/?q=transfer", "/feeds/latest/"]
        )
        self.call("read (anonymous)", path)
        time.sleep(self.random.uniform(0.2, 1.0))

    def _page(self, thread: dict) -> tuple[str, str] | None:
        status, page, _headers = self.call("read (member)", thread["url"])
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return (page, found.group(1)) if status == 200 and found else None

    def replier(self) -> None:
        thread = self._thread()
        got = self._page(thread)
        if got:
            number = uuid.uuid4().int
            token = " ".join(TOKEN_WORDS[(number >> (4 * k)) & 15] for k in range(8))
            status, _body, _headers = self.call(
                "reply",
                f"/t/{thread['id']}/reply/",
                {"body": REPLY.format(token=token), "csrfmiddlewaretoken": got[1]},
            )
            if status == 302:
                self.accepted.append(token)
        time.sleep(self.random.uniform(3.5, 5.5))  # under the 20 per 10 minutes limit

    def _someone_elses_post(self, page: str) -> int | None:
        ids = [int(i) for i in re.findall(r'action="/p/(\d+)/helpful/"', page)]
        return self.random.choice(ids) if ids else None

    def voter(self) -> None:
        got = self._page(self._thread())
        post_id = got and self._someone_elses_post(got[0])
        if post_id:
            self.call("vote", f"/p/{post_id}/helpful/", {"csrfmiddlewaretoken": got[1]})
        time.sleep(self.random.uniform(1.5, 3.0))

    def flagger(self) -> None:
        got = self._page(self._thread())
        post_id = got and self._someone_elses_post(got[0])
        if post_id:
            self.call(
                "report",
                f"/p/{post_id}/report/",
                {"reason": "misinformation", "note": "", "csrfmiddlewaretoken": got[1]},
            )
        time.sleep(self.random.uniform(4.0, 6.0))  # under the 20 an hour limit


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60)
    args = parser.parse_args()
    lacks = stack.missing()
    if lacks:
        print("make soak needs: " + ", ".join(lacks))
        return 2

    print("--- starting PostgreSQL, Redis and an SMTP sink of its own, gunicorn and the worker")
    parts = []
    try:
        postgres = stack.OwnPostgres()
        parts.append(postgres)
        redis = stack.OwnRedis()
        parts.append(redis)
        smtp = stack.SmtpSink()
        parts.append(smtp)
        forum = stack.Forum(
            postgres=postgres,
            redis=redis,
            smtp=smtp,
            workers=2,
            extra_env={"TRUSTED_PROXY_COUNT": "1", "GUNICORN_TIMEOUT": "60"},
        )
        parts.append(forum)
        forum.start_server()
        forum.start_worker()
        counts = {role: int(args.clients * share) for role, share in ROLES.items()}
        counts["reader"] += args.clients - sum(counts.values())
        members_needed = args.clients - counts["reader"]
        seeded = forum.seed(members=members_needed, followers=FOLLOWERS, threads=THREADS)
        print(
            f"--- {args.clients} clients for {args.duration:.0f} s: "
            + ", ".join(f"{n} {role}s" for role, n in counts.items())
        )
        deadline = time.monotonic() + args.duration
        members = iter(seeded["members"])
        clients = []
        for role, n in counts.items():
            for _ in range(n):
                member = None if role == "reader" else next(members)
                clients.append(Client(len(clients), role, forum.url, seeded, member, deadline))
        started = time.monotonic()
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started
        return _check_and_report(forum, postgres, smtp, seeded, clients, elapsed)
    finally:
        for part in reversed(parts):
            part.close()


def _check_and_report(forum, postgres, smtp, seeded, clients, elapsed) -> int:
    samples = [sample for client in clients for sample in client.samples]
    accepted = [token for client in clients for token in client.accepted]
    print("--- waiting for every e-mail to leave the outbox")
    drain_started = time.monotonic()
    try:
        stack.wait_for(
            lambda: (
                postgres.query(
                    "SELECT count(*) FROM forum_answeremail WHERE status IN ('pending', 'sending')"
                )[0][0]
                == 0
            ),
            timeout=180,
            what="the outbox to drain",
            every=0.5,
        )
    except TimeoutError as error:
        print(error)
    drained_in = time.monotonic() - drain_started
    time.sleep(2)

    bodies = [row[0] for row in postgres.query("SELECT body FROM forum_post WHERE NOT is_question")]
    found = (re.search(r"\(Our words: ([a-z ]+)\.\)", body) for body in bodies)
    stored = Counter(match.group(1) for match in found if match)
    published = {
        row[0]
        for row in postgres.query(
            "SELECT id FROM forum_post WHERE NOT is_question AND status = 'published'"
        )
    }
    per_post = dict(postgres.query("SELECT post_id, count(*) FROM forum_answeremail GROUP BY 1"))
    rows = dict(postgres.query("SELECT status, count(*) FROM forum_answeremail GROUP BY status"))
    sent_ids = {
        f"<answer-email-{row[0]}@127.0.0.1>"
        for row in postgres.query("SELECT id FROM forum_answeremail WHERE status = 'sent'")
    }
    # Moderators' alerts (members' reports) reach the sink too; only answers' e-mails count.
    received = [m for m in smtp.messages() if m[1].startswith("<answer-email-")]
    per_message = Counter(received)
    # Each published answer (and each answer hidden later, by members' reports) gets one
    # row per follower: its asker and FOLLOWERS others.
    fanned_out = (
        bool(published) and published <= set(per_post) and set(per_post.values()) <= {FOLLOWERS + 1}
    )
    by_kind: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for kind, status, seconds in samples:
        by_kind[kind].append((status, seconds))
    errors = sum(1 for _kind, status, _s in samples if status == 0 or status >= 500)
    print()
    print(f"{'requests':<18}{'count':>8}{'errors':>8}{'429':>6}{'p50 ms':>9}{'p99 ms':>9}")
    for kind in sorted(by_kind):
        rows_ = by_kind[kind]
        times = [s for _status, s in rows_]
        print(
            f"{kind:<18}{len(rows_):>8}"
            f"{sum(1 for st, _s in rows_ if st == 0 or st >= 500):>8}"
            f"{sum(1 for st, _s in rows_ if st == 429):>6}"
            f"{_percentile(times, 0.5) * 1000:>9.0f}{_percentile(times, 0.99) * 1000:>9.0f}"
        )
    all_times = [s for _k, _st, s in samples]
    print(
        f"{'all':<18}{len(samples):>8}{errors:>8}"
        f"{sum(1 for _k, st, _s in samples if st == 429):>6}"
        f"{_percentile(all_times, 0.5) * 1000:>9.0f}{_percentile(all_times, 0.99) * 1000:>9.0f}"
    )
    print(f"\n{len(samples) / elapsed:.0f} requests/s over {elapsed:.0f} s")
    checks = [
        ("no request failed", errors == 0, f"{errors} errors"),
        (
            "every accepted reply stored exactly once",
            all(stored[t] == 1 for t in accepted) and sum(stored.values()) == len(accepted),
            f"{len(accepted)} accepted, {sum(stored.values())} stored, "
            f"{sum(1 for t in accepted if stored[t] != 1)} not exactly once",
        ),
        (
            "every follower e-mail delivered exactly once",
            fanned_out
            and {message_id for _to, message_id in received} == sent_ids
            and all(n == 1 for n in per_message.values())
            and set(rows) <= {"sent", "skipped"},
            f"{len(per_post)} answers published ({len(accepted) - len(per_post)} held for "
            f"a moderator) x {FOLLOWERS + 1} followers: {sum(per_post.values())} "
            f"e-mails due; {len(received)} received, "
            f"{sum(n - 1 for n in per_message.values())} twice; outbox {rows}; "
            f"drained {drained_in:.1f} s after the load",
        ),
    ]
    print()
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    worker_log = forum.log("worker.log")
    if "Traceback" in forum.log("gunicorn.log") or "Traceback" in worker_log:
        print("\n(tracebacks in the logs:)\n" + forum.log("gunicorn.log")[-2000:])
    return 0 if all(ok for _name, ok, _detail in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
