from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.series import Series
from ...models.series_cancel_request import SeriesCancelRequest
from ...types import Response


def _get_kwargs(
    series_id: str,
    *,
    body: SeriesCancelRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/bookings/series/{series_id}/cancel/".format(
            series_id=quote(str(series_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Series | None:
    if response.status_code == 200:
        response_200 = Series.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Series]:
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
    body: SeriesCancelRequest,
) -> Response[Series]:
    """Cancel a series from a date: each booking from then on is cancelled and refunded by the policy.

    Args:
        series_id (str):
        body (SeriesCancelRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Series]
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
    body: SeriesCancelRequest,
) -> Series | None:
    """Cancel a series from a date: each booking from then on is cancelled and refunded by the policy.

    Args:
        series_id (str):
        body (SeriesCancelRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Series
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
    body: SeriesCancelRequest,
) -> Response[Series]:
    """Cancel a series from a date: each booking from then on is cancelled and refunded by the policy.

    Args:
        series_id (str):
        body (SeriesCancelRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Series]
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
    body: SeriesCancelRequest,
) -> Series | None:
    """Cancel a series from a date: each booking from then on is cancelled and refunded by the policy.

    Args:
        series_id (str):
        body (SeriesCancelRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Series
    """

    return (
        await asyncio_detailed(
            series_id=series_id,
            client=client,
            body=body,
        )
    ).parsed
