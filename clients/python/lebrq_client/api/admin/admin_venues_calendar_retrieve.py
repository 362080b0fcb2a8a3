from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_venues_calendar_retrieve_format import AdminVenuesCalendarRetrieveFormat
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    venue_id: int,
    *,
    format_: AdminVenuesCalendarRetrieveFormat | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/admin/venues/{venue_id}/calendar.ics".format(
            venue_id=quote(str(venue_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.json()))

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    venue_id: int,
    *,
    client: AuthenticatedClient,
    format_: AdminVenuesCalendarRetrieveFormat | Unset = UNSET,
) -> Response[File]:
    """Every booking of the venue (staff with bookings.view_booking).

    Args:
        venue_id (int):
        format_ (AdminVenuesCalendarRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File]
    """

    kwargs = _get_kwargs(
        venue_id=venue_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    venue_id: int,
    *,
    client: AuthenticatedClient,
    format_: AdminVenuesCalendarRetrieveFormat | Unset = UNSET,
) -> File | None:
    """Every booking of the venue (staff with bookings.view_booking).

    Args:
        venue_id (int):
        format_ (AdminVenuesCalendarRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File
    """

    return sync_detailed(
        venue_id=venue_id,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    venue_id: int,
    *,
    client: AuthenticatedClient,
    format_: AdminVenuesCalendarRetrieveFormat | Unset = UNSET,
) -> Response[File]:
    """Every booking of the venue (staff with bookings.view_booking).

    Args:
        venue_id (int):
        format_ (AdminVenuesCalendarRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File]
    """

    kwargs = _get_kwargs(
        venue_id=venue_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    venue_id: int,
    *,
    client: AuthenticatedClient,
    format_: AdminVenuesCalendarRetrieveFormat | Unset = UNSET,
) -> File | None:
    """Every booking of the venue (staff with bookings.view_booking).

    Args:
        venue_id (int):
        format_ (AdminVenuesCalendarRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File
    """

    return (
        await asyncio_detailed(
            venue_id=venue_id,
            client=client,
            format_=format_,
        )
    ).parsed
