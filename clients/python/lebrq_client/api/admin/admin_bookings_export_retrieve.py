import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_bookings_export_retrieve_format import AdminBookingsExportRetrieveFormat
from ...models.admin_bookings_export_retrieve_kind import AdminBookingsExportRetrieveKind
from ...models.admin_bookings_export_retrieve_status import AdminBookingsExportRetrieveStatus
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    bom: bool | Unset = False,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: AdminBookingsExportRetrieveFormat | Unset = AdminBookingsExportRetrieveFormat.CSV,
    kind: AdminBookingsExportRetrieveKind | Unset = UNSET,
    status: AdminBookingsExportRetrieveStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["bom"] = bom

    json_date_from: str | Unset = UNSET
    if not isinstance(date_from, Unset):
        json_date_from = date_from.isoformat()
    params["date_from"] = json_date_from

    json_date_to: str | Unset = UNSET
    if not isinstance(date_to, Unset):
        json_date_to = date_to.isoformat()
    params["date_to"] = json_date_to

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["venue"] = venue

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/admin/bookings/export/",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.text))

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
    *,
    client: AuthenticatedClient,
    bom: bool | Unset = False,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: AdminBookingsExportRetrieveFormat | Unset = AdminBookingsExportRetrieveFormat.CSV,
    kind: AdminBookingsExportRetrieveKind | Unset = UNSET,
    status: AdminBookingsExportRetrieveStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> Response[File]:
    """Every matching booking as CSV or NDJSON, streamed in bounded memory.

    Args:
        bom (bool | Unset):  Default: False.
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (AdminBookingsExportRetrieveFormat | Unset):  Default:
            AdminBookingsExportRetrieveFormat.CSV.
        kind (AdminBookingsExportRetrieveKind | Unset):
        status (AdminBookingsExportRetrieveStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File]
    """

    kwargs = _get_kwargs(
        bom=bom,
        date_from=date_from,
        date_to=date_to,
        format_=format_,
        kind=kind,
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
    bom: bool | Unset = False,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: AdminBookingsExportRetrieveFormat | Unset = AdminBookingsExportRetrieveFormat.CSV,
    kind: AdminBookingsExportRetrieveKind | Unset = UNSET,
    status: AdminBookingsExportRetrieveStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> File | None:
    """Every matching booking as CSV or NDJSON, streamed in bounded memory.

    Args:
        bom (bool | Unset):  Default: False.
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (AdminBookingsExportRetrieveFormat | Unset):  Default:
            AdminBookingsExportRetrieveFormat.CSV.
        kind (AdminBookingsExportRetrieveKind | Unset):
        status (AdminBookingsExportRetrieveStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File
    """

    return sync_detailed(
        client=client,
        bom=bom,
        date_from=date_from,
        date_to=date_to,
        format_=format_,
        kind=kind,
        status=status,
        venue=venue,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    bom: bool | Unset = False,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: AdminBookingsExportRetrieveFormat | Unset = AdminBookingsExportRetrieveFormat.CSV,
    kind: AdminBookingsExportRetrieveKind | Unset = UNSET,
    status: AdminBookingsExportRetrieveStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> Response[File]:
    """Every matching booking as CSV or NDJSON, streamed in bounded memory.

    Args:
        bom (bool | Unset):  Default: False.
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (AdminBookingsExportRetrieveFormat | Unset):  Default:
            AdminBookingsExportRetrieveFormat.CSV.
        kind (AdminBookingsExportRetrieveKind | Unset):
        status (AdminBookingsExportRetrieveStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File]
    """

    kwargs = _get_kwargs(
        bom=bom,
        date_from=date_from,
        date_to=date_to,
        format_=format_,
        kind=kind,
        status=status,
        venue=venue,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    bom: bool | Unset = False,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: AdminBookingsExportRetrieveFormat | Unset = AdminBookingsExportRetrieveFormat.CSV,
    kind: AdminBookingsExportRetrieveKind | Unset = UNSET,
    status: AdminBookingsExportRetrieveStatus | Unset = UNSET,
    venue: int | Unset = UNSET,
) -> File | None:
    """Every matching booking as CSV or NDJSON, streamed in bounded memory.

    Args:
        bom (bool | Unset):  Default: False.
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (AdminBookingsExportRetrieveFormat | Unset):  Default:
            AdminBookingsExportRetrieveFormat.CSV.
        kind (AdminBookingsExportRetrieveKind | Unset):
        status (AdminBookingsExportRetrieveStatus | Unset):
        venue (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File
    """

    return (
        await asyncio_detailed(
            client=client,
            bom=bom,
            date_from=date_from,
            date_to=date_to,
            format_=format_,
            kind=kind,
            status=status,
            venue=venue,
        )
    ).parsed
