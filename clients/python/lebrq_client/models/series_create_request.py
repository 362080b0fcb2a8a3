from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.booking_kind_enum import BookingKindEnum
from ..models.on_conflict_enum import OnConflictEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.booking_item_input_request import BookingItemInputRequest


T = TypeVar("T", bound="SeriesCreateRequest")


@_attrs_define
class SeriesCreateRequest:
    """
    Attributes:
        venue (int):
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        title (str):
        rrule (str): RFC 5545 RRULE with COUNT or UNTIL, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12.
        kind (BookingKindEnum | Unset): * `event` - Event
            * `program` - Programme Default: BookingKindEnum.PROGRAM.
        is_public (bool | Unset):  Default: False.
        guests (int | Unset):  Default: 1.
        items (list[BookingItemInputRequest] | Unset):
        on_conflict (OnConflictEnum | Unset): * `fail` - fail
            * `skip` - skip Default: OnConflictEnum.FAIL.
    """

    venue: int
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    title: str
    rrule: str
    kind: BookingKindEnum | Unset = BookingKindEnum.PROGRAM
    is_public: bool | Unset = False
    guests: int | Unset = 1
    items: list[BookingItemInputRequest] | Unset = UNSET
    on_conflict: OnConflictEnum | Unset = OnConflictEnum.FAIL
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        venue = self.venue

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        title = self.title

        rrule = self.rrule

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        is_public = self.is_public

        guests = self.guests

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        on_conflict: str | Unset = UNSET
        if not isinstance(self.on_conflict, Unset):
            on_conflict = self.on_conflict.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "venue": venue,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "title": title,
                "rrule": rrule,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if guests is not UNSET:
            field_dict["guests"] = guests
        if items is not UNSET:
            field_dict["items"] = items
        if on_conflict is not UNSET:
            field_dict["on_conflict"] = on_conflict

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_item_input_request import BookingItemInputRequest  # noqa: PLC0415

        d = dict(src_dict)
        venue = d.pop("venue")

        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        title = d.pop("title")

        rrule = d.pop("rrule")

        _kind = d.pop("kind", UNSET)
        kind: BookingKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = BookingKindEnum(_kind)

        is_public = d.pop("is_public", UNSET)

        guests = d.pop("guests", UNSET)

        _items = d.pop("items", UNSET)
        items: list[BookingItemInputRequest] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = BookingItemInputRequest.from_dict(items_item_data)

                items.append(items_item)

        _on_conflict = d.pop("on_conflict", UNSET)
        on_conflict: OnConflictEnum | Unset
        if isinstance(_on_conflict, Unset):
            on_conflict = UNSET
        else:
            on_conflict = OnConflictEnum(_on_conflict)

        series_create_request = cls(
            venue=venue,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            title=title,
            rrule=rrule,
            kind=kind,
            is_public=is_public,
            guests=guests,
            items=items,
            on_conflict=on_conflict,
        )

        series_create_request.additional_properties = d
        return series_create_request

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
