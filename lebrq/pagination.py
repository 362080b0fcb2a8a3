from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class ItemsPagination(PageNumberPagination):
    """`?page=&page_size=` (capped at 100) answering `{"items": [...], "pagination": {...}}`.

    A page past the end is 404 (DRF's NotFound), as is a page that is not a positive number.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_paginated_response(self, data):
        page = self.page
        return Response(
            {
                "items": data,
                "pagination": {
                    "page": page.number,
                    "page_size": page.paginator.per_page,
                    "total": page.paginator.count,
                    "pages": page.paginator.num_pages,
                    "next": self.get_next_link(),
                    "previous": self.get_previous_link(),
                },
            }
        )

    def get_paginated_response_schema(self, schema):
        nullable_uri = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["items", "pagination"],
            "properties": {
                "items": schema,
                "pagination": {
                    "type": "object",
                    "properties": {
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "total": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "next": nullable_uri,
                        "previous": nullable_uri,
                    },
                },
            },
        }
