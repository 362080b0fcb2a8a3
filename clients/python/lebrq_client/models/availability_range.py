from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.availability_day import AvailabilityDay


T = TypeVar("T", bound="AvailabilityRange")


@_attrs_define
class AvailabilityRange:
    """Datetimes are written in the venue's time zone, with its offset.

    Attributes:
        venue (int):
        timezone (str):
        days (list[AvailabilityDay]):
    """

    venue: int
    timezone: str
    days: list[AvailabilityDay]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        venue = self.venue

        timezone = self.timezone

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "venue": venue,
                "timezone": timezone,
                "days": days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.availability_day import AvailabilityDay  # noqa: PLC0415

        d = dict(src_dict)
        venue = d.pop("venue")

        timezone = d.pop("timezone")

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = AvailabilityDay.from_dict(days_item_data)

            days.append(days_item)

        availability_range = cls(
            venue=venue,
            timezone=timezone,
            days=days,
        )

        availability_range.additional_properties = d
        return availability_range

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
