from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.booking_conflict_response import BookingConflictResponse
from ...models.rule_violation import RuleViolation
from ...models.series_create_request import SeriesCreateRequest
from ...models.series_created import SeriesCreated
from ...types import Response


def _get_kwargs(
    *,
    body: SeriesCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/bookings/series/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BookingConflictResponse | RuleViolation | SeriesCreated | None:
    if response.status_code == 201:
        response_201 = SeriesCreated.from_dict(response.json())

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
) -> Response[BookingConflictResponse | RuleViolation | SeriesCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SeriesCreateRequest,
) -> Response[BookingConflictResponse | RuleViolation | SeriesCreated]:
    """A customer's series (staff: everyone's); POST books every date of a recurrence rule.

    Args:
        body (SeriesCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | RuleViolation | SeriesCreated]
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
    body: SeriesCreateRequest,
) -> BookingConflictResponse | RuleViolation | SeriesCreated | None:
    """A customer's series (staff: everyone's); POST books every date of a recurrence rule.

    Args:
        body (SeriesCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | RuleViolation | SeriesCreated
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SeriesCreateRequest,
) -> Response[BookingConflictResponse | RuleViolation | SeriesCreated]:
    """A customer's series (staff: everyone's); POST books every date of a recurrence rule.

    Args:
        body (SeriesCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | RuleViolation | SeriesCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SeriesCreateRequest,
) -> BookingConflictResponse | RuleViolation | SeriesCreated | None:
    """A customer's series (staff: everyone's); POST books every date of a recurrence rule.

    Args:
        body (SeriesCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | RuleViolation | SeriesCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
