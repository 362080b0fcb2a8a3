"""Background jobs of housekeeping (lebrq.tasks: enqueue on commit, request id, retries)."""

from django_tasks import task

from jobs.housekeeping import run_housekeeping
from lebrq.tasks import carries_request_id, retry_with_backoff


@task()
@carries_request_id
@retry_with_backoff
def housekeeping(attempt=1):
    return run_housekeeping()
