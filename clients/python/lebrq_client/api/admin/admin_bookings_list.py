import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_bookings_list_kind import AdminBookingsListKind
from ...models.admin_bookings_list_status import AdminBookingsListStatus
from ...models.paginated_admin_booking_list_list import PaginatedAdminBookingListList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    kind: AdminBookingsListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: AdminBookingsListStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    json_date_from: str | Unset = UNSET
    if not isinstance(date_from, Unset):
        json_date_from = date_from.isoformat()
    params["date_from"] = json_date_from

    json_date_to: str | Unset = UNSET
    if not isinstance(date_to, Unset):
        json_date_to = date_to.isoformat()
    params["date_to"] = json_date_to

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["venue"] = venue

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/admin/bookings/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedAdminBookingListList | None:
    if response.status_code == 200:
        response_200 = PaginatedAdminBookingListList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedAdminBookingListList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    kind: AdminBookingsListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: AdminBookingsListStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> Response[PaginatedAdminBookingListList]:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        kind (AdminBookingsListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (AdminBookingsListStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedAdminBookingListList]
    """

    kwargs = _get_kwargs(
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        page=page,
        page_size=page_size,
        status=status,
        venue=venue,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    kind: AdminBookingsListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: AdminBookingsListStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> PaginatedAdminBookingListList | None:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        kind (AdminBookingsListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (AdminBookingsListStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedAdminBookingListList
    """

    return sync_detailed(
        client=client,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        page=page,
        page_size=page_size,
        status=status,
        venue=venue,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    kind: AdminBookingsListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: AdminBookingsListStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> Response[PaginatedAdminBookingListList]:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        kind (AdminBookingsListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (AdminBookingsListStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedAdminBookingListList]
    """

    kwargs = _get_kwargs(
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        page=page,
        page_size=page_size,
        status=status,
        venue=venue,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    kind: AdminBookingsListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: AdminBookingsListStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> PaginatedAdminBookingListList | None:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        kind (AdminBookingsListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (AdminBookingsListStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedAdminBookingListList
    """

    return (
        await asyncio_detailed(
            client=client,
            date_from=date_from,
            date_to=date_to,
            kind=kind,
            page=page,
            page_size=page_size,
            status=status,
            venue=venue,
        )
    ).parsed
