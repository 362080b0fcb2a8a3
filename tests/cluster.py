"""Several app hosts behind one nginx balancer, each a gunicorn with its own address, working
directory and process tree: used by tests/e2e/test_two_hosts.py and by `make loadtest`'s knee
search (bench/load/find_knee.py)."""

import subprocess
import time
from pathlib import Path

import requests

from tests.server import PROJECT_ROOT, GunicornServer, free_port


class Host(GunicornServer):
    """A gunicorn on its own address, started from its own working directory."""

    def __init__(self, workdir, address, env):
        super().__init__(workdir, env)
        self.workdir = self.cwd = Path(workdir)
        self.address = address
        self.base_url = f"http://{address}:{self.port}"
        self.env["BIND"] = f"{address}:{self.port}"
        self.env["PYTHONPATH"] = str(PROJECT_ROOT)


class Balancer:
    """nginx round-robin over the hosts; a host that refuses connections is skipped (and the request
    passed to the other one, which nginx does for any method when nothing was sent)."""

    def __init__(self, workdir, hosts, client_max_body_size="64m", worker_connections=512):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"        server {host.address}:{host.port} max_fails=1 fail_timeout=2s;" for host in hosts)
        temp_paths = "\n".join(
            f"    {kind}_temp_path {self.workdir / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.workdir / "nginx.conf").write_text(f"""
daemon off;
master_process off;
pid {self.workdir / "nginx.pid"};
error_log {self.workdir / "error.log"} warn;
events {{ worker_connections {worker_connections}; }}
http {{
    access_log off;
{temp_paths}
    upstream lebrq {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{self.port};
        client_max_body_size {client_max_body_size};
        location / {{
            proxy_pass http://lebrq;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_next_upstream error timeout;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
""")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["nginx", "-c", str(self.workdir / "nginx.conf"), "-p", str(self.workdir)], stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.base_url}/api/health/memory", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)  # waiting for nginx to listen
        raise RuntimeError((self.workdir / "error.log").read_text(errors="replace"))

    def url(self, path):
        return f"{self.base_url}{path}"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
