from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.busy_interval import BusyInterval


T = TypeVar("T", bound="AvailabilityDay")


@_attrs_define
class AvailabilityDay:
    """
    Attributes:
        date (datetime.date):
        open_ (list[list[datetime.datetime]]): [start, end] of each opening interval.
        busy (list[BusyInterval]):
        free (list[list[datetime.datetime]]): [start, end] bookable now: open minus busy, on the grid, long enough.
    """

    date: datetime.date
    open_: list[list[datetime.datetime]]
    busy: list[BusyInterval]
    free: list[list[datetime.datetime]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        open_ = []
        for open_item_data in self.open_:
            open_item = []
            for open_item_item_data in open_item_data:
                open_item_item = open_item_item_data.isoformat()
                open_item.append(open_item_item)

            open_.append(open_item)

        busy = []
        for busy_item_data in self.busy:
            busy_item = busy_item_data.to_dict()
            busy.append(busy_item)

        free = []
        for free_item_data in self.free:
            free_item = []
            for free_item_item_data in free_item_data:
                free_item_item = free_item_item_data.isoformat()
                free_item.append(free_item_item)

            free.append(free_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "open": open_,
                "busy": busy,
                "free": free,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_interval import BusyInterval  # noqa: PLC0415

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        open_ = []
        _open_ = d.pop("open")
        for open_item_data in _open_:
            open_item = []
            _open_item = open_item_data
            for open_item_item_data in _open_item:
                open_item_item = datetime.datetime.fromisoformat(open_item_item_data)

                open_item.append(open_item_item)

            open_.append(open_item)

        busy = []
        _busy = d.pop("busy")
        for busy_item_data in _busy:
            busy_item = BusyInterval.from_dict(busy_item_data)

            busy.append(busy_item)

        free = []
        _free = d.pop("free")
        for free_item_data in _free:
            free_item = []
            _free_item = free_item_data
            for free_item_item_data in _free_item:
                free_item_item = datetime.datetime.fromisoformat(free_item_item_data)

                free_item.append(free_item_item)

            free.append(free_item)

        availability_day = cls(
            date=date,
            open_=open_,
            busy=busy,
            free=free,
        )

        availability_day.additional_properties = d
        return availability_day

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
