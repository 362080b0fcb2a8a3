import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_venue_search_result_list import PaginatedVenueSearchResultList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    city: str | Unset = UNSET,
    end: datetime.datetime,
    guests: int | Unset = 1,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    start: datetime.datetime,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["city"] = city

    json_end = end.isoformat()
    params["end"] = json_end

    params["guests"] = guests

    params["page"] = page

    params["page_size"] = page_size

    json_start = start.isoformat()
    params["start"] = json_start

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/venues/available/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | PaginatedVenueSearchResultList | None:
    if response.status_code == 200:
        response_200 = PaginatedVenueSearchResultList.from_dict(response.json())

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
) -> Response[Any | PaginatedVenueSearchResultList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    city: str | Unset = UNSET,
    end: datetime.datetime,
    guests: int | Unset = 1,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    start: datetime.datetime,
) -> Response[Any | PaginatedVenueSearchResultList]:
    """Active venues that would accept exactly this booking now, each with the price of its hire.

    Args:
        city (str | Unset):
        end (datetime.datetime):
        guests (int | Unset):  Default: 1.
        page (int | Unset):
        page_size (int | Unset):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PaginatedVenueSearchResultList]
    """

    kwargs = _get_kwargs(
        city=city,
        end=end,
        guests=guests,
        page=page,
        page_size=page_size,
        start=start,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    city: str | Unset = UNSET,
    end: datetime.datetime,
    guests: int | Unset = 1,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    start: datetime.datetime,
) -> Any | PaginatedVenueSearchResultList | None:
    """Active venues that would accept exactly this booking now, each with the price of its hire.

    Args:
        city (str | Unset):
        end (datetime.datetime):
        guests (int | Unset):  Default: 1.
        page (int | Unset):
        page_size (int | Unset):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PaginatedVenueSearchResultList
    """

    return sync_detailed(
        client=client,
        city=city,
        end=end,
        guests=guests,
        page=page,
        page_size=page_size,
        start=start,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    city: str | Unset = UNSET,
    end: datetime.datetime,
    guests: int | Unset = 1,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    start: datetime.datetime,
) -> Response[Any | PaginatedVenueSearchResultList]:
    """Active venues that would accept exactly this booking now, each with the price of its hire.

    Args:
        city (str | Unset):
        end (datetime.datetime):
        guests (int | Unset):  Default: 1.
        page (int | Unset):
        page_size (int | Unset):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PaginatedVenueSearchResultList]
    """

    kwargs = _get_kwargs(
        city=city,
        end=end,
        guests=guests,
        page=page,
        page_size=page_size,
        start=start,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    city: str | Unset = UNSET,
    end: datetime.datetime,
    guests: int | Unset = 1,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    start: datetime.datetime,
) -> Any | PaginatedVenueSearchResultList | None:
    """Active venues that would accept exactly this booking now, each with the price of its hire.

    Args:
        city (str | Unset):
        end (datetime.datetime):
        guests (int | Unset):  Default: 1.
        page (int | Unset):
        page_size (int | Unset):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PaginatedVenueSearchResultList
    """

    return (
        await asyncio_detailed(
            client=client,
            city=city,
            end=end,
            guests=guests,
            page=page,
            page_size=page_size,
            start=start,
        )
    ).parsed
