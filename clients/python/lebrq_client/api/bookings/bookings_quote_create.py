from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.booking_conflict_response import BookingConflictResponse
from ...models.booking_quote_request import BookingQuoteRequest
from ...models.quote import Quote
from ...models.rule_violation import RuleViolation
from ...types import Response


def _get_kwargs(
    *,
    body: BookingQuoteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/bookings/quote/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BookingConflictResponse | Quote | RuleViolation | None:
    if response.status_code == 200:
        response_200 = Quote.from_dict(response.json())

        return response_200

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
) -> Response[BookingConflictResponse | Quote | RuleViolation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BookingQuoteRequest,
) -> Response[BookingConflictResponse | Quote | RuleViolation]:
    """What this booking would cost and what would confirm it, refused as create would refuse it; writes
    nothing.

    Args:
        body (BookingQuoteRequest): The body of a booking create; a quote needs no title.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | Quote | RuleViolation]
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
    body: BookingQuoteRequest,
) -> BookingConflictResponse | Quote | RuleViolation | None:
    """What this booking would cost and what would confirm it, refused as create would refuse it; writes
    nothing.

    Args:
        body (BookingQuoteRequest): The body of a booking create; a quote needs no title.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | Quote | RuleViolation
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BookingQuoteRequest,
) -> Response[BookingConflictResponse | Quote | RuleViolation]:
    """What this booking would cost and what would confirm it, refused as create would refuse it; writes
    nothing.

    Args:
        body (BookingQuoteRequest): The body of a booking create; a quote needs no title.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingConflictResponse | Quote | RuleViolation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BookingQuoteRequest,
) -> BookingConflictResponse | Quote | RuleViolation | None:
    """What this booking would cost and what would confirm it, refused as create would refuse it; writes
    nothing.

    Args:
        body (BookingQuoteRequest): The body of a booking create; a quote needs no title.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingConflictResponse | Quote | RuleViolation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
