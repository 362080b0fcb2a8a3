from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.offline_payment_request import OfflinePaymentRequest
from ...models.rule_violation import RuleViolation
from ...models.series_payment import SeriesPayment
from ...types import Response


def _get_kwargs(
    series_id: str,
    *,
    body: OfflinePaymentRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/admin/bookings/series/{series_id}/payments/".format(
            series_id=quote(str(series_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | RuleViolation | SeriesPayment | None:
    if response.status_code == 201:
        response_201 = SeriesPayment.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = RuleViolation.from_dict(response.json())

        return response_400

    if response.status_code == 409:
        response_409 = cast(Any, None)
        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | RuleViolation | SeriesPayment]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    series_id: str,
    *,
    client: AuthenticatedClient,
    body: OfflinePaymentRequest,
) -> Response[Any | RuleViolation | SeriesPayment]:
    """Staff record money received for a whole series: shared out over its bookings, deposits first.

    Args:
        series_id (str):
        body (OfflinePaymentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | RuleViolation | SeriesPayment]
    """

    kwargs = _get_kwargs(
        series_id=series_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    series_id: str,
    *,
    client: AuthenticatedClient,
    body: OfflinePaymentRequest,
) -> Any | RuleViolation | SeriesPayment | None:
    """Staff record money received for a whole series: shared out over its bookings, deposits first.

    Args:
        series_id (str):
        body (OfflinePaymentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | RuleViolation | SeriesPayment
    """

    return sync_detailed(
        series_id=series_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    series_id: str,
    *,
    client: AuthenticatedClient,
    body: OfflinePaymentRequest,
) -> Response[Any | RuleViolation | SeriesPayment]:
    """Staff record money received for a whole series: shared out over its bookings, deposits first.

    Args:
        series_id (str):
        body (OfflinePaymentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | RuleViolation | SeriesPayment]
    """

    kwargs = _get_kwargs(
        series_id=series_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    series_id: str,
    *,
    client: AuthenticatedClient,
    body: OfflinePaymentRequest,
) -> Any | RuleViolation | SeriesPayment | None:
    """Staff record money received for a whole series: shared out over its bookings, deposits first.

    Args:
        series_id (str):
        body (OfflinePaymentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | RuleViolation | SeriesPayment
    """

    return (
        await asyncio_detailed(
            series_id=series_id,
            client=client,
            body=body,
        )
    ).parsed
