"""Serializer fields shared by the apps' input shapes, with the OpenAPI schema they publish."""

from decimal import Decimal

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers


class NonNegativeDecimalField(serializers.DecimalField):
    """A price or a rate: a decimal string that is never negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)


class NonNegativeDecimalFieldSchema(OpenApiSerializerFieldExtension):
    """The pattern of exactly the strings the field accepts: digits with no sign, never empty,
    and no more than `max_value` when that is a power of ten (a rate of at most 100).
    drf-spectacular's own decimal pattern admits a sign, "" and "."; the API refuses those, so
    the fuzzer's money strings would rarely reach the view."""

    target_class = NonNegativeDecimalField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if "pattern" in schema:
            schema["pattern"] = non_negative_decimal_pattern(self.target)
        return schema


def non_negative_decimal_pattern(field):
    fraction = rf"(?:\.\d{{1,{field.decimal_places}}})?"
    whole_digits = field.max_whole_digits
    if field.max_value is not None and field.max_value == 10 ** (len(str(int(field.max_value))) - 1):
        limit = str(int(field.max_value))
        zeros = rf"(?:\.0{{1,{field.decimal_places}}})?"
        return rf"^(?:{limit}{zeros}|\d{{1,{len(limit) - 1}}}{fraction})$"
    return rf"^\d{{1,{whole_digits}}}{fraction}$"
