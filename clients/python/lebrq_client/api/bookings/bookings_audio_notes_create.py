from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_upload_request import FileUploadRequest
from ...models.media_file import MediaFile
from ...types import Response


def _get_kwargs(
    booking_id: str,
    *,
    body: FileUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/bookings/{booking_id}/audio-notes".format(
            booking_id=quote(str(booking_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MediaFile | None:
    if response.status_code == 201:
        response_201 = MediaFile.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MediaFile]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    booking_id: str,
    *,
    client: AuthenticatedClient,
    body: FileUploadRequest,
) -> Response[MediaFile]:
    """Audio notes of a booking its owner or staff can see: list them, or POST one (field `file`).

    Args:
        booking_id (str):
        body (FileUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaFile]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    booking_id: str,
    *,
    client: AuthenticatedClient,
    body: FileUploadRequest,
) -> MediaFile | None:
    """Audio notes of a booking its owner or staff can see: list them, or POST one (field `file`).

    Args:
        booking_id (str):
        body (FileUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaFile
    """

    return sync_detailed(
        booking_id=booking_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    booking_id: str,
    *,
    client: AuthenticatedClient,
    body: FileUploadRequest,
) -> Response[MediaFile]:
    """Audio notes of a booking its owner or staff can see: list them, or POST one (field `file`).

    Args:
        booking_id (str):
        body (FileUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaFile]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    booking_id: str,
    *,
    client: AuthenticatedClient,
    body: FileUploadRequest,
) -> MediaFile | None:
    """Audio notes of a booking its owner or staff can see: list them, or POST one (field `file`).

    Args:
        booking_id (str):
        body (FileUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaFile
    """

    return (
        await asyncio_detailed(
            booking_id=booking_id,
            client=client,
            body=body,
        )
    ).parsed
