"""Error reports to Sentry (or a compatible service) when SENTRY_DSN is set.

No personal data: with send_default_pii=False sentry-sdk leaves out cookies, the Authorization
header, the user's id and email and the client address. It would still send request bodies
(a registration's email), the query string (a signed media URL's signature is a bearer
capability) and every frame's local variables, so none of them goes. The request id goes
along as a tag, so a report leads to the log lines of the same request.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from lebrq.request_id import current_request_id


def start_error_reports(dsn, *, environment, traces_sample_rate):
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,  # a frame's locals hold users, emails, passwords being checked
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        before_send=tag_with_request_id,
    )


def tag_with_request_id(event, hint):
    event.setdefault("tags", {})["request_id"] = current_request_id()
    request = event.get("request")
    if request:
        request.pop("query_string", None)
        request.pop("data", None)
    return event
