from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.payments_webhooks_razorpay_create_body import PaymentsWebhooksRazorpayCreateBody
from ...models.rule_violation import RuleViolation
from ...models.webhook_answer import WebhookAnswer
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PaymentsWebhooksRazorpayCreateBody | Unset = UNSET,
    x_razorpay_event_id: str,
    x_razorpay_signature: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Razorpay-Event-Id"] = x_razorpay_event_id

    headers["X-Razorpay-Signature"] = x_razorpay_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/payments/webhooks/razorpay/",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RuleViolation | WebhookAnswer | None:
    if response.status_code == 200:
        response_200 = WebhookAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = RuleViolation.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RuleViolation | WebhookAnswer]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PaymentsWebhooksRazorpayCreateBody | Unset = UNSET,
    x_razorpay_event_id: str,
    x_razorpay_signature: str,
) -> Response[RuleViolation | WebhookAnswer]:
    """Razorpay's events, signed with the webhook secret; each event id is applied once.

    Args:
        x_razorpay_event_id (str):
        x_razorpay_signature (str):
        body (PaymentsWebhooksRazorpayCreateBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RuleViolation | WebhookAnswer]
    """

    kwargs = _get_kwargs(
        body=body,
        x_razorpay_event_id=x_razorpay_event_id,
        x_razorpay_signature=x_razorpay_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PaymentsWebhooksRazorpayCreateBody | Unset = UNSET,
    x_razorpay_event_id: str,
    x_razorpay_signature: str,
) -> RuleViolation | WebhookAnswer | None:
    """Razorpay's events, signed with the webhook secret; each event id is applied once.

    Args:
        x_razorpay_event_id (str):
        x_razorpay_signature (str):
        body (PaymentsWebhooksRazorpayCreateBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RuleViolation | WebhookAnswer
    """

    return sync_detailed(
        client=client,
        body=body,
        x_razorpay_event_id=x_razorpay_event_id,
        x_razorpay_signature=x_razorpay_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PaymentsWebhooksRazorpayCreateBody | Unset = UNSET,
    x_razorpay_event_id: str,
    x_razorpay_signature: str,
) -> Response[RuleViolation | WebhookAnswer]:
    """Razorpay's events, signed with the webhook secret; each event id is applied once.

    Args:
        x_razorpay_event_id (str):
        x_razorpay_signature (str):
        body (PaymentsWebhooksRazorpayCreateBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RuleViolation | WebhookAnswer]
    """

    kwargs = _get_kwargs(
        body=body,
        x_razorpay_event_id=x_razorpay_event_id,
        x_razorpay_signature=x_razorpay_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PaymentsWebhooksRazorpayCreateBody | Unset = UNSET,
    x_razorpay_event_id: str,
    x_razorpay_signature: str,
) -> RuleViolation | WebhookAnswer | None:
    """Razorpay's events, signed with the webhook secret; each event id is applied once.

    Args:
        x_razorpay_event_id (str):
        x_razorpay_signature (str):
        body (PaymentsWebhooksRazorpayCreateBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RuleViolation | WebhookAnswer
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_razorpay_event_id=x_razorpay_event_id,
            x_razorpay_signature=x_razorpay_signature,
        )
    ).parsed
