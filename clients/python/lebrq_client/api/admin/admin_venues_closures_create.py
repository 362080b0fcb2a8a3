from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.closure import Closure
from ...models.closure_conflict import ClosureConflict
from ...models.closure_request import ClosureRequest
from ...types import Response


def _get_kwargs(
    venue_id: str,
    *,
    body: ClosureRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/admin/venues/{venue_id}/closures/".format(
            venue_id=quote(str(venue_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Closure | ClosureConflict | None:
    if response.status_code == 201:
        response_201 = Closure.from_dict(response.json())

        return response_201

    if response.status_code == 409:
        response_409 = ClosureConflict.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Closure | ClosureConflict]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    venue_id: str,
    *,
    client: AuthenticatedClient,
    body: ClosureRequest,
) -> Response[Closure | ClosureConflict]:
    """Close the venue from `start` to `end`; 409 `closure_conflict` over active bookings.

    Args:
        venue_id (str):
        body (ClosureRequest): A closure of `context["venue"]`, its times shown in the venue's own
            time zone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Closure | ClosureConflict]
    """

    kwargs = _get_kwargs(
        venue_id=venue_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    venue_id: str,
    *,
    client: AuthenticatedClient,
    body: ClosureRequest,
) -> Closure | ClosureConflict | None:
    """Close the venue from `start` to `end`; 409 `closure_conflict` over active bookings.

    Args:
        venue_id (str):
        body (ClosureRequest): A closure of `context["venue"]`, its times shown in the venue's own
            time zone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Closure | ClosureConflict
    """

    return sync_detailed(
        venue_id=venue_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    venue_id: str,
    *,
    client: AuthenticatedClient,
    body: ClosureRequest,
) -> Response[Closure | ClosureConflict]:
    """Close the venue from `start` to `end`; 409 `closure_conflict` over active bookings.

    Args:
        venue_id (str):
        body (ClosureRequest): A closure of `context["venue"]`, its times shown in the venue's own
            time zone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Closure | ClosureConflict]
    """

    kwargs = _get_kwargs(
        venue_id=venue_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    venue_id: str,
    *,
    client: AuthenticatedClient,
    body: ClosureRequest,
) -> Closure | ClosureConflict | None:
    """Close the venue from `start` to `end`; 409 `closure_conflict` over active bookings.

    Args:
        venue_id (str):
        body (ClosureRequest): A closure of `context["venue"]`, its times shown in the venue's own
            time zone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Closure | ClosureConflict
    """

    return (
        await asyncio_detailed(
            venue_id=venue_id,
            client=client,
            body=body,
        )
    ).parsed
