"""deploy/nginx.conf tells the app the scheme of the connection it received, never one a
client made up: production settings read X-Forwarded-Proto to decide whether a request came
over https (secure cookies, redirects, CSRF), so a spoofed "https" must not get through.

Runs the real nginx with the shipped file (only the listening port and the upstream address
changed) in front of a tiny server that echoes what it was told. Skips without nginx.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Echo(http.server.BaseHTTPRequestHandler):
    # Every request that reached the app, as "METHOD path".
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.seen.append(f"{self.command} {self.path}")
        body = (self.headers.get("X-Forwarded-Proto") or "none").encode()
        self.send_response(200)
        if self.path.startswith("/sets-cookie"):
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815 - the name http.server calls

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def echo_port():
    _Echo.seen.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def run_proxy(tmp_path, echo_port):
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if nginx is None:
        pytest.skip("nginx is not installed")
    started = []

    def run(*, trust_local_terminator: bool = False) -> int:
        port = _free_port()
        temp = tmp_path / f"nginx-{port}"
        temp.mkdir()
        site = CONF.read_text()
        site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
        site = site.replace("http://web:8000", f"http://127.0.0.1:{echo_port}")
        site = site.replace("/var/cache/nginx/pages", str(temp / "pages"))
        if trust_local_terminator:
            site = site.replace("    default 0;\n", "    default 0;\n    127.0.0.1 1;\n")
        paths = " ".join(
            f"{name}_temp_path {temp / name};"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # Run as root, nginx's workers would be "nobody", who cannot write the page cache
        # under pytest's private temporary folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (temp / "nginx.conf").write_text(
            f"{user}daemon off; pid {temp / 'nginx.pid'}; error_log {temp / 'error.log'};\n"
            "events {}\n"
            f"http {{ access_log off; {paths}\n{site}\n}}\n"
        )
        check = subprocess.run(
            [nginx, "-t", "-p", str(temp), "-c", str(temp / "nginx.conf")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen(
            [nginx, "-p", str(temp), "-c", str(temp / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(process)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return port
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"nginx did not start: {(temp / 'error.log').read_text()}")

    yield run
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def _scheme_seen_by_app(port: int, **headers) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback http
        return response.read().decode()


def test_a_clients_own_x_forwarded_proto_is_not_passed_on(run_proxy):
    port = run_proxy()
    assert _scheme_seen_by_app(port, **{"X-Forwarded-Proto": "https"}) == "http"
    assert _scheme_seen_by_app(port) == "http"


def test_a_listed_tls_terminator_can_report_https(run_proxy):
    port = run_proxy(trust_local_terminator=True)
    assert _scheme_seen_by_app(port, **{"X-Forwarded-Proto": "https"}) == "https"
    assert _scheme_seen_by_app(port, **{"X-Forwarded-Proto": "gopher"}) == "http"


def _fetch(port: int, path: str, *, method: str = "GET", **headers) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers=headers, method=method
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback http
        return response.headers.get("X-Cache", "")


def test_a_burst_of_anonymous_visits_to_one_page_reaches_the_app_once(run_proxy):
    port = run_proxy()
    assert [_fetch(port, "/t/1/") for _ in range(3)] == ["MISS", "HIT", "HIT"]
    assert _Echo.seen == ["GET /t/1/"]


def test_a_visitor_with_a_cookie_always_reaches_the_app(run_proxy):
    port = run_proxy()
    _fetch(port, "/t/1/")
    for _ in range(2):
        _fetch(port, "/t/1/", Cookie="sessionid=member")
    assert _Echo.seen == ["GET /t/1/"] * 3


def test_a_post_and_a_page_that_sets_a_cookie_are_never_served_from_the_cache(run_proxy):
    port = run_proxy()
    for _ in range(2):
        _fetch(port, "/sets-cookie/")
        _fetch(port, "/t/1/reply/", method="POST")
    assert _Echo.seen == ["GET /sets-cookie/", "POST /t/1/reply/"] * 2


def test_the_cached_copy_expires_within_seconds(run_proxy):
    port = run_proxy()
    _fetch(port, "/t/1/")
    time.sleep(2.1)
    _fetch(port, "/t/1/")
    assert _Echo.seen == ["GET /t/1/"] * 2
