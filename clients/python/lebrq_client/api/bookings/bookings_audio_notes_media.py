from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    booking_id: str,
    note_id: str,
    *,
    signature: str | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["signature"] = signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/bookings/{booking_id}/audio-notes/{note_id}".format(
            booking_id=quote(str(booking_id), safe=""),
            note_id=quote(str(note_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | None:
    if response.status_code == 302:
        return None

    if response.status_code == 304:
        return None

    if response.status_code == 404:
        return None

    if response.status_code == 416:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    booking_id: str,
    note_id: str,
    *,
    client: AuthenticatedClient,
    signature: str | Unset = UNSET,
) -> Response[Any]:
    """GET/HEAD an audio note: with its signed URL, or with a Bearer token of the booking's
    owner or staff (anyone else gets 404).

    Args:
        booking_id (str):
        note_id (str):
        signature (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        note_id=note_id,
        signature=signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    booking_id: str,
    note_id: str,
    *,
    client: AuthenticatedClient,
    signature: str | Unset = UNSET,
) -> Response[Any]:
    """GET/HEAD an audio note: with its signed URL, or with a Bearer token of the booking's
    owner or staff (anyone else gets 404).

    Args:
        booking_id (str):
        note_id (str):
        signature (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        note_id=note_id,
        signature=signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
