import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_every_dependency_ok(anon_client):
    response = anon_client.get("/api/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "media_disk"}
    assert all(check["ok"] for check in body["checks"].values())


def test_health_names_the_dependency_that_is_down(anon_client, monkeypatch):
    from health import checks

    monkeypatch.setitem(checks.CHECKS, "cache", lambda: "ConnectionError: refused")

    response = anon_client.get("/api/health")

    assert response.status_code == 503
    assert response.json()["detail"] == "Unavailable: cache"
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "ConnectionError: refused"}


def test_memory_endpoint_has_the_seed_fields(anon_client):
    response = anon_client.get("/api/health/memory")

    assert response.status_code == 200
    body = response.json()
    for field in ("total_gb", "available_gb", "used_percent", "used_gb", "threshold_percent", "status"):
        assert field in body
    assert body["source"] in ("cgroup", "host")
    assert body["status"] in ("ok", "warning", "critical")
    assert 0 < body["process_rss_mb"] < 4096
    assert body["used_gb"] == pytest.approx(body["total_gb"] - body["available_gb"], abs=0.02)
