import pytest
import requests

pytestmark = pytest.mark.e2e


def test_health_answers_under_gunicorn(gunicorn_server):
    server = gunicorn_server()

    response = requests.get(server.url("/api/health"), timeout=10)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"
    assert float(response.headers["X-Process-Time"]) >= 0
    assert len(server.worker_pids()) == 2
