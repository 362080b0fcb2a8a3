from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.booking_conflict_response import BookingConflictResponse
from ...models.booking_create_request import BookingCreateRequest
from ...models.booking_detail import BookingDetail
from ...models.rule_violation import RuleViolation
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BookingCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/bookings/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BookingConflictResponse | BookingDetail | RuleViolation | None:
    if response.status_code == 201:
        response_201 = BookingDetail.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = RuleViolation.from_dict(response.json())

        return response_400

    if response.status_code == 409:
        response_409 = BookingConflictResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BookingConflictResponse | BookingDetail | RuleViolation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BookingCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingConflictResponse | BookingDetail | RuleViolation]:
    """A customer's own bookings (staff: everyone's). Anyone else's booking is a 404.

    Args:
        idempotency_key (str | Unset):
        body (BookingCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | BookingDetail | RuleViolation]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BookingCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> BookingConflictResponse | BookingDetail | RuleViolation | None:
    """A customer's own bookings (staff: everyone's). Anyone else's booking is a 404.

    Args:
        idempotency_key (str | Unset):
        body (BookingCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | BookingDetail | RuleViolation
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BookingCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingConflictResponse | BookingDetail | RuleViolation]:
    """A customer's own bookings (staff: everyone's). Anyone else's booking is a 404.

    Args:
        idempotency_key (str | Unset):
        body (BookingCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | BookingDetail | RuleViolation]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BookingCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> BookingConflictResponse | BookingDetail | RuleViolation | None:
    """A customer's own bookings (staff: everyone's). Anyone else's booking is a 404.

    Args:
        idempotency_key (str | Unset):
        body (BookingCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | BookingDetail | RuleViolation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
