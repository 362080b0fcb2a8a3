import hashlib
from functools import cached_property, partial

from django.core.paginator import Paginator
from django.db.models import Q
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from lebrq.cache import cache_get, cache_set


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
    the page's rows by key. With a `cache_prefix` (which must change whenever the data does):
    - `COUNT(*)` is read from the cache;
    - every `anchor_every`-th row's sort key is cached the first time a page beyond it is
      asked for, and deeper pages seek to the nearest anchor and offset less than
      `anchor_every` from there, so page 1,500 costs about what page 2 does.
    Anchors need an ordering of non-null model fields that ends with the primary key.
    """

    anchor_every = 1000

    def __init__(self, object_list, per_page, cache_prefix=None, cache_timeout=300, rows_of=None):
        super().__init__(object_list, per_page)
        self.cache_prefix = cache_prefix
        self.cache_timeout = cache_timeout
        self.rows_of = rows_of or (lambda page_queryset: page_queryset)

    @cached_property
    def count(self):
        if self.cache_prefix is None:
            return super().count
        return self._cached(f"{self.cache_prefix}:count", self.object_list.count)

    def page(self, number):
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        ordered, offset = self._seek(offset)
        keys = list(ordered.values_list("pk", flat=True)[offset : offset + self.per_page])
        rows = list(self.rows_of(self.object_list.filter(pk__in=keys))) if keys else []
        return self._get_page(rows, number, self)

    def _seek(self, offset):
        """(queryset starting at the nearest cached anchor at or before `offset`, offset left)."""
        ordering = self._keyset_ordering()
        anchor_number = offset // self.anchor_every
        if self.cache_prefix is None or ordering is None or anchor_number == 0:
            return self.object_list, offset
        names = [field.lstrip("-") for field in ordering]
        anchor_offset = anchor_number * self.anchor_every
        anchor = self._cached(
            f"{self.cache_prefix}:anchor:{self.anchor_every}:{anchor_number}",
            lambda: self.object_list.values_list(*names)[anchor_offset],
        )
        return self.object_list.filter(at_or_after(ordering, anchor)), offset - anchor_offset

    def _keyset_ordering(self):
        query = self.object_list.query
        ordering = list(query.order_by or self.object_list.model._meta.ordering)
        if not all(isinstance(field, str) for field in ordering):
            return None
        model = self.object_list.model
        pk_names = {"pk", "-pk", model._meta.pk.name, f"-{model._meta.pk.name}"}
        if query.extra_order_by or not ordering or ordering[-1] not in pk_names:
            return None
        for field in ordering:
            name = field.lstrip("-")
            if "__" in name or (name != "pk" and model._meta.get_field(name).null):
                return None
        return ordering

    def _cached(self, key, compute):
        value = cache_get(key)
        if value is None:
            value = compute()
            cache_set(key, value, self.cache_timeout)
        return value


def at_or_after(ordering, anchor):
    """Q for the rows at or after `anchor` (their sort-key values) in `ordering`.

    For ["-start", "-id"] and (s, i): start < s OR (start = s AND id <= i), which the index on
    (start, id) answers as one range scan.
    """
    names = [field.lstrip("-") for field in ordering]
    condition = Q(**dict(zip(names, anchor, strict=True)))
    for position, field in enumerate(ordering):
        lookup = "lt" if field.startswith("-") else "gt"
        equal_before = dict(zip(names[:position], anchor[:position], strict=True))
        condition |= Q(**equal_before, **{f"{names[position]}__{lookup}": anchor[position]})
    return condition


class LargeTableItemsPagination(ItemsPagination):
    """ItemsPagination (same body) over a DeferredJoinPaginator.

    If the view has `count_cache_version()`, totals and page anchors are cached per query (its
    SQL and parameters) under that version; the view's app moves the version on every write.
    If it has `page_rows(queryset)`, that shapes the rows of a page (joins, `.values()`) while
    keys, counts and anchors are read from the bare queryset.
    """

    cache_timeout = 300

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = partial(
            DeferredJoinPaginator,
            cache_prefix=self.cache_prefix(queryset, view),
            cache_timeout=self.cache_timeout,
            rows_of=getattr(view, "page_rows", None),
        )
        return super().paginate_queryset(queryset, request, view)

    def cache_prefix(self, queryset, view):
        version_of = getattr(view, "count_cache_version", None)
        if version_of is None:
            return None
        sql, params = queryset.query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        return f"list:{version_of()}:{digest}"
