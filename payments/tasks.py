"""Background jobs of payments: refunds paid out through the provider."""

from django_tasks import task

from lebrq.tasks import carries_request_id, retry_with_backoff
from payments.services import pay_out_refund_now


@task()
@carries_request_id
@retry_with_backoff
def pay_out_refund(refund_id, attempt=1):
    return pay_out_refund_now(refund_id).status
