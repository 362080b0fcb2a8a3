"""`manage.py memory_report` (DESIGN, Ops): the reading of GET /api/health/memory, for a terminal or as JSON."""

import json

import pytest
from django.core.management import call_command

from health import memory
from health.memory import MemoryReading

GIB = 1024**3


@pytest.fixture
def cgroup_at_87_percent(monkeypatch, settings):
    settings.MEMORY_THRESHOLD_PERCENT = 85.0
    settings.MEMORY_CRITICAL_PERCENT = 90.0
    reading = MemoryReading(total_bytes=2 * GIB, available_bytes=round(2 * GIB * 0.13), source="cgroup")
    monkeypatch.setattr(memory, "read_cgroup_memory", lambda host_total: reading)


def test_memory_report_prints_the_reading_and_its_status(cgroup_at_87_percent, capsys):
    call_command("memory_report")

    output = capsys.readouterr().out
    assert "Memory (cgroup): 1.74 of 2.0 GiB used (87.0%), 0.26 GiB available" in output
    assert "Status: warning (writes refused from 85.0%, everything but health from 90.0%)" in output
    assert "This process: RSS " in output


def test_memory_report_json_has_the_fields_of_the_health_endpoint(cgroup_at_87_percent, capsys, anon_client, db):
    call_command("memory_report", "--json")

    report = json.loads(capsys.readouterr().out)
    endpoint = anon_client.get("/api/health/memory").json()
    assert set(report) == set(endpoint)
    assert (report["source"], report["status"], report["used_percent"]) == ("cgroup", "warning", 87.0)
