from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.token_refresh import TokenRefresh
from ...models.token_refresh_request import TokenRefreshRequest
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRefreshRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/token/refresh",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> TokenRefresh | None:
    if response.status_code == 200:
        response_200 = TokenRefresh.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[TokenRefresh]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> Response[TokenRefresh]:
    """A refresh token -> a new access token and a new refresh token (the old one is blacklisted).

    Args:
        body (TokenRefreshRequest): A refresh token, exchanged for a new access token and a new
            refresh token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenRefresh]
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
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> TokenRefresh | None:
    """A refresh token -> a new access token and a new refresh token (the old one is blacklisted).

    Args:
        body (TokenRefreshRequest): A refresh token, exchanged for a new access token and a new
            refresh token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenRefresh
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> Response[TokenRefresh]:
    """A refresh token -> a new access token and a new refresh token (the old one is blacklisted).

    Args:
        body (TokenRefreshRequest): A refresh token, exchanged for a new access token and a new
            refresh token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenRefresh]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> TokenRefresh | None:
    """A refresh token -> a new access token and a new refresh token (the old one is blacklisted).

    Args:
        body (TokenRefreshRequest): A refresh token, exchanged for a new access token and a new
            refresh token.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenRefresh
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
