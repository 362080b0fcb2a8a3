"""1 GiB video upload under gunicorn (one worker): LeBrq's streaming upload handlers against,
in the same run, Django's default upload handlers on the same view, a raw read of the same
bytes in 1 MiB pieces (the ceiling for Python storing a body) and nginx buffering the body
to disk. Prints MiB/s, ratios and the worker's peak RSS growth.

Goals (issue 5): >= 1.3x default handlers, >= 0.9x raw read, RSS growth < 8 MiB, one copy on disk.
"""

import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
from common import MEBIBYTE, PROJECT_ROOT, PeakRssSampler, bench_environment, print_result

from tests.server import GunicornServer, free_port

BODY_MIB = 1024
RUNS = 5  # per variant, interleaved; medians reported (2 shared cores: single runs vary 2x)
BOUNDARY = "bench-boundary-7d1f0a"


MP4_MAGIC = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
SECRET_KEY = bench_environment()["SECRET_KEY"]


def write_body(path):
    """A multipart body holding one 1 GiB "video": mp4 magic bytes, then random blocks."""
    block = os.urandom(16 * MEBIBYTE)
    with open(path, "wb") as body:
        body.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\n'
            "Content-Type: video/mp4\r\n\r\n".encode()
        )
        body.write(MP4_MAGIC + block[len(MP4_MAGIC) :])
        for _ in range(BODY_MIB // 16 - 1):
            body.write(block)
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())


def bench_database(workdir):
    """A migrated throwaway SQLite database with one user; returns (DATABASE_URL, access token)."""
    database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lebrq.settings",
        SECRET_KEY=SECRET_KEY,
        DATABASE_URL=database_url,
        VAR_DIR=str(workdir / "var"),
        MEDIA_ROOT=str(workdir / "media"),
        JWT_ACCESS_MINUTES="120",
        CACHE_URL="locmem://",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import User

    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench@example.com", "bench-password-0123", full_name="Bench")
    return database_url, str(RefreshToken.for_user(user).access_token)


@contextmanager
def upload_server(workdir, database_url, media_root):
    """gunicorn with one worker (4 threads) serving the app plus the baseline routes."""
    env = bench_environment(
        DJANGO_SETTINGS_MODULE="bench.uploads_baseline_app",
        DATABASE_URL=database_url,
        MEDIA_ROOT=media_root,
        WEB_CONCURRENCY=1,
        CACHE_URL="locmem://",
        JWT_ACCESS_MINUTES=120,
        GUNICORN_TIMEOUT=300,
    )
    server = GunicornServer(workdir, env).start()
    try:
        yield server
    finally:
        server.stop()


NGINX_CONF = """
worker_processes 1;
{user}
error_log {workdir}/nginx-error.log;
pid {workdir}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        # The body is written to a file before the (bodyless) request goes upstream.
        location = /upload {{
            client_max_body_size 0;
            client_body_in_file_only clean;
            client_body_buffer_size 1m;
            proxy_pass_request_body off;
            proxy_set_header Content-Length "";
            proxy_pass http://127.0.0.1:{port}/uploaded;
        }}
        location = /uploaded {{ return 201; }}
        location /media/ {{ alias {media_root}/; }}
    }}
}}
"""


@contextmanager
def nginx(workdir, media_root=None):
    """nginx on a free port: POST /upload stores the body to disk, GET /media/ serves files.
    Yields (port, function returning the worker pids)."""
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            workdir=workdir,
            port=port,
            media_root=media_root or workdir,
        )
    )
    process = subprocess.Popen(["nginx", "-p", str(workdir), "-c", str(conf), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port, lambda: [child.pid for child in psutil.Process(process.pid).children()]
    finally:
        process.terminate()
        process.wait(timeout=10)


def post_file(port, route, body_path, content_type, token=None):
    """Send the body with sendfile() (the client must not be the bottleneck); return (status, seconds)."""
    size = body_path.stat().st_size
    headers = f"POST {route} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\nContent-Length: {size}\r\n"
    if token:
        headers += f"Authorization: Bearer {token}\r\n"
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=300) as connection, open(body_path, "rb") as body:
        connection.sendall((headers + "Connection: close\r\n\r\n").encode())
        connection.sendfile(body)
        response = b""
        while b"\r\n" not in response:
            response += connection.recv(4096)
    elapsed = time.perf_counter() - started
    return int(response.split(b" ", 2)[1]), elapsed


class DirectorySizeSampler:
    """Peak bytes stored under a directory while an upload runs (are there ever two copies?)."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            total = 0
            for path in self.directory.rglob("*"):
                try:
                    total += path.stat().st_blocks * 512
                except OSError:
                    continue
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def measure(sends, pids_fn, media_root=None):
    """Run each of `sends` (name -> function) RUNS times, interleaved so that load from
    elsewhere on the machine hits every variant alike; report the median speed and the
    largest RSS growth and disk peak seen."""
    runs = {name: [] for name in sends}
    for _ in range(RUNS):
        for name, send in sends.items():
            with PeakRssSampler(pids_fn) as rss, DirectorySizeSampler(media_root or "/nonexistent") as disk:
                status, seconds = send()
            assert status == 201, f"{name}: HTTP {status}"
            runs[name].append(
                {"seconds": seconds, "rss_growth_mib": rss.peak_growth_mib(), "disk_peak_gib": disk.peak / 2**30}
            )
            if media_root:
                for child in Path(media_root).iterdir():
                    shutil.rmtree(child, ignore_errors=True)
    return {
        name: {
            "mib_per_s": BODY_MIB / statistics.median(run["seconds"] for run in results),
            "runs_mib_per_s": "/".join(f"{BODY_MIB / run['seconds']:.0f}" for run in results),
            "rss_growth_mib": max(run["rss_growth_mib"] for run in results),
            "disk_peak_gib": max(run["disk_peak_gib"] for run in results),
        }
        for name, results in runs.items()
    }


def main():
    workdir = Path(tempfile.mkdtemp(prefix="bench-uploads-", dir=PROJECT_ROOT / "var"))
    try:
        run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir):
    body_path = workdir / "body.bin"
    write_body(body_path)
    multipart = f"multipart/form-data; boundary={BOUNDARY}"
    database_url, token = bench_database(workdir)
    media_root = workdir / "media"
    with upload_server(workdir, database_url, media_root) as server:

        def route(path, content_type=multipart, with_token=True):
            return lambda: post_file(server.port, path, body_path, content_type, token if with_token else None)

        # One warm-up upload first: the worker's first request imports and allocates for good.
        route("/api/uploads/video")()
        shutil.rmtree(media_root / "video")
        results = measure(
            {
                "streaming": route("/api/uploads/video"),
                "default": route("/api/uploads/bench-default-handlers"),
                "raw": route("/api/uploads/bench-raw-read", "application/octet-stream", False),
            },
            server.worker_pids,
            media_root,
        )
    with nginx(workdir) as (port, nginx_pids):
        results.update(measure({"nginx": lambda: post_file(port, "/upload", body_path, multipart)}, nginx_pids))

    for name, result in results.items():
        print_result(
            f"upload_1GiB_{name}",
            median_mib_per_s=result["mib_per_s"],
            runs=result["runs_mib_per_s"],
            worker_rss_growth_mib=result["rss_growth_mib"],
            disk_peak_gib=result["disk_peak_gib"],
        )
    streaming = results["streaming"]["mib_per_s"]
    print_result(
        "upload_1GiB_ratios",
        vs_default_handlers=streaming / results["default"]["mib_per_s"],
        vs_raw_read=streaming / results["raw"]["mib_per_s"],
        vs_nginx=streaming / results["nginx"]["mib_per_s"],
        goal="vs_default>=1.3 vs_raw>=0.9 rss<8MiB disk_peak~1GiB",
    )


if __name__ == "__main__":
    main()
