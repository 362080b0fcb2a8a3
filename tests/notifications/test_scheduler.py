"""The scheduler enqueues each time-based job once per due time, however many schedulers run."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from notifications.models import ScheduledRun
from notifications.scheduler import SCHEDULE, due_time, enqueue_due_jobs, next_due_time
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)
MIDNIGHT = datetime(2027, 1, 4, 0, 0, 30, tzinfo=UTC)  # 30 s into a slot of every entry
TASKS = {entry.task: entry.name for entry in SCHEDULE}


def enqueued():
    return Counter(TASKS[result.task_path] for result in DBTaskResult.objects.all())


def test_due_times_fall_on_the_grid_of_each_interval():
    housekeeping = next(entry for entry in SCHEDULE if entry.name == "housekeeping")
    assert due_time(housekeeping, MIDNIGHT + timedelta(minutes=7)) == MIDNIGHT.replace(second=0) + timedelta(minutes=5)
    assert next_due_time(MIDNIGHT) == MIDNIGHT.replace(second=0) + timedelta(minutes=5)


def test_one_scheduler_enqueues_each_job_once_per_due_time():
    with time_machine.travel(MIDNIGHT, tick=False):
        assert sorted(enqueue_due_jobs(host="a")) == sorted(TASKS.values())
        assert enqueue_due_jobs(host="a") == []  # the same due time again: nothing
    with time_machine.travel(MIDNIGHT + timedelta(minutes=5), tick=False):
        assert enqueue_due_jobs(host="a") == ["housekeeping"]
    with time_machine.travel(MIDNIGHT + timedelta(minutes=15), tick=False):
        assert sorted(enqueue_due_jobs(host="a")) == ["housekeeping", "reminders"]

    assert enqueued() == {"housekeeping": 3, "reminders": 2, "prune_task_results": 1}


def test_two_schedulers_at_the_same_instant_enqueue_each_due_job_once(requires_mysql):
    """Two hosts wake in the same second: the unique (name, due_at) row lets one of them enqueue."""
    for minutes in (0, 5, 10, 15):
        with time_machine.travel(MIDNIGHT + timedelta(minutes=minutes), tick=False):
            outcomes = race(2, lambda number: enqueue_due_jobs(host=f"host-{number}"))
        assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes

    assert enqueued() == {"housekeeping": 4, "reminders": 2, "prune_task_results": 1}
    assert ScheduledRun.objects.count() == 7
    assert ScheduledRun.objects.filter(host__in=["host-0", "host-1"]).count() == 7


def test_a_second_scheduler_that_wakes_late_finds_the_due_time_taken():
    with time_machine.travel(MIDNIGHT, tick=False):
        enqueue_due_jobs(host="early")
    with time_machine.travel(MIDNIGHT + timedelta(minutes=4), tick=False):  # still the same slots
        assert enqueue_due_jobs(host="late") == []
    assert set(ScheduledRun.objects.values_list("host", flat=True)) == {"early"}


def test_the_command_once_enqueues_what_is_due(capsys):
    with time_machine.travel(MIDNIGHT, tick=False):
        call_command("run_scheduler", "--once")
        call_command("run_scheduler", "--once")
    assert capsys.readouterr().out.count("Enqueued") == 1
    assert sum(enqueued().values()) == len(SCHEDULE)


def test_the_scheduled_jobs_run(alice):
    from notifications.tasks import prune_task_results, send_reminders

    assert send_reminders.call() == {"upcoming": 0, "balance_due": 0}
    prune_task_results.call()  # django-tasks-db's own prune command, with its defaults
