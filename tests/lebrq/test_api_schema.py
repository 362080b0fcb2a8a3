"""The OpenAPI schema is valid and the docs page needs nothing from a CDN."""

import re

import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

ASSET_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_schema_is_valid_openapi_and_lists_the_api(anon_client):
    response = anon_client.get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # raises on an invalid document
    for path in ("/api/health", "/api/health/memory", "/api/auth/register", "/api/auth/token", "/api/auth/me"):
        assert path in schema["paths"]


def test_docs_page_loads_its_assets_from_our_own_static(anon_client):
    response = anon_client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET_URL.findall(html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in assets)
    assert all(url.startswith("/static/drf_spectacular_sidecar/") for url in assets), assets
    # No absolute asset URL anywhere (the page also carries random CSP nonces, so no substring test).
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), html
    assert "//" not in "".join(url for url in assets)
