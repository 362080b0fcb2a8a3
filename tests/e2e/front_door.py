"""deploy/nginx/ as production runs it, started for real in front of a gunicorn: only gunicorn's
address, the media root, the body secret and the process's own paths differ from production.
Used by the e2e tests and by bench/bench_tus.py."""

import secrets
import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.server import PROJECT_ROOT, free_port

NGINX_DIR = PROJECT_ROOT / "deploy" / "nginx"
PRODUCTION_MEDIA_ROOT = "/var/lib/lebrq/media"
PRODUCTION_UPSTREAM = "server 127.0.0.1:8000;"
SECRET_INCLUDE = "include lebrq-body-secret.conf;"


def nginx_available():
    return shutil.which("nginx") is not None


def body_secret():
    return secrets.token_urlsafe(32)


def nginx_conf(workdir, nginx_port, gunicorn_port, media_root):
    """A whole nginx.conf around the deployed files, which are copied into workdir with the
    production media root replaced by the test's."""
    upstream = (NGINX_DIR / "upstream.conf").read_text()
    routes = (NGINX_DIR / "lebrq.conf").read_text()
    assert PRODUCTION_UPSTREAM in upstream and PRODUCTION_MEDIA_ROOT in routes and SECRET_INCLUDE in routes
    (workdir / "lebrq.conf").write_text(routes.replace(PRODUCTION_MEDIA_ROOT, str(media_root)))
    temp_paths = "\n".join(
        f"    {kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
daemon off;
master_process off;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} info;
events {{ worker_connections 256; }}
http {{
    access_log {workdir / "access.log"};
{temp_paths}
{upstream.replace("127.0.0.1:8000", f"127.0.0.1:{gunicorn_port}")}
    server {{
        listen 127.0.0.1:{nginx_port};
        include {workdir / "lebrq.conf"};
    }}
}}
"""


class FrontDoor:
    """nginx with deploy/nginx/ on a free port, in front of `gunicorn_port`."""

    def __init__(self, workdir, gunicorn_port, media_root, secret):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        Path(media_root).mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        conf = self.workdir / "nginx.conf"
        conf.write_text(nginx_conf(self.workdir, self.port, gunicorn_port, media_root))
        # Production: /etc/nginx/lebrq-body-secret.conf, readable by nginx only (docs/uploads.md).
        (self.workdir / "lebrq-body-secret.conf").write_text(f'proxy_set_header X-LeBrq-Body-Secret "{secret}";\n')
        self.process = None

    def start(self, timeout=15):
        self.process = subprocess.Popen(
            ["nginx", "-c", str(self.workdir / "nginx.conf"), "-p", str(self.workdir)], stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if _answers(f"{self.base_url}/api/health/memory"):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not start: {self.error_log()}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def pids(self):
        return [self.process.pid]

    def error_log(self):
        path = self.workdir / "error.log"
        stderr = self.process.stderr.read().decode() if self.process and self.process.poll() is not None else ""
        return stderr + (path.read_text(errors="replace")[-3000:] if path.exists() else "")


def _answers(url):
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False
