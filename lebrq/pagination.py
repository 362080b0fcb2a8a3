import hashlib
from functools import cached_property, partial

from django.core.cache import cache
from django.core.paginator import Paginator
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


class DeferredJoinPaginator(Paginator):
    """Django's Paginator tuned for large ordered tables.

    A page first reads only the primary keys (`SELECT id ... ORDER BY ... LIMIT/OFFSET`), which
    an index covering the filter and the ordering answers without touching rows, then fetches
    the page's rows by key: a deep OFFSET walks index entries, not whole rows. With
    `count_cache_key`, `COUNT(*)` is read from the cache (the key must change when the data does).
    """

    def __init__(self, object_list, per_page, count_cache_key=None, count_timeout=300):
        super().__init__(object_list, per_page)
        self.count_cache_key = count_cache_key
        self.count_timeout = count_timeout

    @cached_property
    def count(self):
        if self.count_cache_key is None:
            return super().count
        count = cache.get(self.count_cache_key)
        if count is None:
            count = self.object_list.count()
            cache.set(self.count_cache_key, count, self.count_timeout)
        return count

    def page(self, number):
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[offset : offset + self.per_page])
        rows = list(self.object_list.filter(pk__in=keys)) if keys else []
        return self._get_page(rows, number, self)


class LargeTableItemsPagination(ItemsPagination):
    """ItemsPagination (same body) over a DeferredJoinPaginator.

    If the view has `count_cache_version()`, the total is cached per query (its SQL and
    parameters) under that version; the view's app moves the version on every write.
    """

    count_timeout = 300

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = partial(
            DeferredJoinPaginator, count_cache_key=self.count_cache_key(queryset, view), count_timeout=self.count_timeout
        )
        return super().paginate_queryset(queryset, request, view)

    def count_cache_key(self, queryset, view):
        version_of = getattr(view, "count_cache_version", None)
        if version_of is None:
            return None
        sql, params = queryset.query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        return f"list-count:{version_of()}:{digest}"
