import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.availability import Availability
from ...models.availability_range import AvailabilityRange
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    date: datetime.date | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    json_date: str | Unset = UNSET
    if not isinstance(date, Unset):
        json_date = date.isoformat()
    params["date"] = json_date

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/venues/{id}/availability/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Availability | AvailabilityRange | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> Availability | AvailabilityRange:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_venue_availability_type_0 = AvailabilityRange.from_dict(data)

                return componentsschemas_venue_availability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_venue_availability_type_1 = Availability.from_dict(data)

            return componentsschemas_venue_availability_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Availability | AvailabilityRange]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Response[Any | Availability | AvailabilityRange]:
    """`?from=&to=`: open, busy and free time per local day (at most 62 days, both included).
    `?date=`: the Part 1 answer, the slots taken that day.

    Args:
        id (int):
        date (datetime.date | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Availability | AvailabilityRange]
    """

    kwargs = _get_kwargs(
        id=id,
        date=date,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Any | Availability | AvailabilityRange | None:
    """`?from=&to=`: open, busy and free time per local day (at most 62 days, both included).
    `?date=`: the Part 1 answer, the slots taken that day.

    Args:
        id (int):
        date (datetime.date | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Availability | AvailabilityRange
    """

    return sync_detailed(
        id=id,
        client=client,
        date=date,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Response[Any | Availability | AvailabilityRange]:
    """`?from=&to=`: open, busy and free time per local day (at most 62 days, both included).
    `?date=`: the Part 1 answer, the slots taken that day.

    Args:
        id (int):
        date (datetime.date | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Availability | AvailabilityRange]
    """

    kwargs = _get_kwargs(
        id=id,
        date=date,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Any | Availability | AvailabilityRange | None:
    """`?from=&to=`: open, busy and free time per local day (at most 62 days, both included).
    `?date=`: the Part 1 answer, the slots taken that day.

    Args:
        id (int):
        date (datetime.date | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Availability | AvailabilityRange
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            date=date,
            from_=from_,
            to=to,
        )
    ).parsed
