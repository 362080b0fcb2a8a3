from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.online_payment import OnlinePayment
from ...models.rule_violation import RuleViolation
from ...types import Response


def _get_kwargs(
    series_id: str,
) -> dict[str, Any]:
    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/bookings/series/{series_id}/payments/".format(
            series_id=quote(str(series_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | OnlinePayment | RuleViolation | None:
    if response.status_code == 201:
        response_201 = OnlinePayment.from_dict(response.json())

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
) -> Response[Any | OnlinePayment | RuleViolation]:
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
) -> Response[Any | OnlinePayment | RuleViolation]:
    """POST (the series' customer): one Razorpay order for what the whole series owes now.

    Args:
        series_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OnlinePayment | RuleViolation]
    """

    kwargs = _get_kwargs(
        series_id=series_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    series_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | OnlinePayment | RuleViolation | None:
    """POST (the series' customer): one Razorpay order for what the whole series owes now.

    Args:
        series_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OnlinePayment | RuleViolation
    """

    return sync_detailed(
        series_id=series_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    series_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | OnlinePayment | RuleViolation]:
    """POST (the series' customer): one Razorpay order for what the whole series owes now.

    Args:
        series_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OnlinePayment | RuleViolation]
    """

    kwargs = _get_kwargs(
        series_id=series_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    series_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | OnlinePayment | RuleViolation | None:
    """POST (the series' customer): one Razorpay order for what the whole series owes now.

    Args:
        series_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OnlinePayment | RuleViolation
    """

    return (
        await asyncio_detailed(
            series_id=series_id,
            client=client,
        )
    ).parsed
