from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.booking_conflict_response import BookingConflictResponse
from ...models.booking_detail import BookingDetail
from ...models.rule_violation import RuleViolation
from ...models.staff_booking_request import StaffBookingRequest
from ...types import Response


def _get_kwargs(
    *,
    body: StaffBookingRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/admin/bookings/",
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
    body: StaffBookingRequest,
) -> Response[BookingConflictResponse | BookingDetail | RuleViolation]:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        body (StaffBookingRequest): A booking staff make on a customer's behalf (DESIGN Part 2,
            lifecycle).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | BookingDetail | RuleViolation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: StaffBookingRequest,
) -> BookingConflictResponse | BookingDetail | RuleViolation | None:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        body (StaffBookingRequest): A booking staff make on a customer's behalf (DESIGN Part 2,
            lifecycle).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | BookingDetail | RuleViolation
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StaffBookingRequest,
) -> Response[BookingConflictResponse | BookingDetail | RuleViolation]:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        body (StaffBookingRequest): A booking staff make on a customer's behalf (DESIGN Part 2,
            lifecycle).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | BookingDetail | RuleViolation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: StaffBookingRequest,
) -> BookingConflictResponse | BookingDetail | RuleViolation | None:
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in).

    Args:
        body (StaffBookingRequest): A booking staff make on a customer's behalf (DESIGN Part 2,
            lifecycle).

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
        )
    ).parsed
