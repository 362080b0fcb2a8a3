from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.booking_conflict import BookingConflict


T = TypeVar("T", bound="BookingConflictResponse")


@_attrs_define
class BookingConflictResponse:
    """A 409: the slot (buffers included) or an add-on's stock is taken.

    Attributes:
        detail (str):
        code (str): slot_unavailable or item_unavailable (or a status conflict's code).
        conflicts (list[BookingConflict] | Unset): slot_unavailable: the bookings in the way, without their buffers.
        item (int | Unset): item_unavailable: the add-on's id.
        available (int | Unset): item_unavailable: units left for this time.
    """

    detail: str
    code: str
    conflicts: list[BookingConflict] | Unset = UNSET
    item: int | Unset = UNSET
    available: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        code = self.code

        conflicts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conflicts, Unset):
            conflicts = []
            for conflicts_item_data in self.conflicts:
                conflicts_item = conflicts_item_data.to_dict()
                conflicts.append(conflicts_item)

        item = self.item

        available = self.available

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "code": code,
            }
        )
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts
        if item is not UNSET:
            field_dict["item"] = item
        if available is not UNSET:
            field_dict["available"] = available

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_conflict import BookingConflict  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        code = d.pop("code")

        _conflicts = d.pop("conflicts", UNSET)
        conflicts: list[BookingConflict] | Unset = UNSET
        if _conflicts is not UNSET:
            conflicts = []
            for conflicts_item_data in _conflicts:
                conflicts_item = BookingConflict.from_dict(conflicts_item_data)

                conflicts.append(conflicts_item)

        item = d.pop("item", UNSET)

        available = d.pop("available", UNSET)

        booking_conflict_response = cls(
            detail=detail,
            code=code,
            conflicts=conflicts,
            item=item,
            available=available,
        )

        booking_conflict_response.additional_properties = d
        return booking_conflict_response

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
