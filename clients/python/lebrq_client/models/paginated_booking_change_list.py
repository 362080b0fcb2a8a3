from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.booking_change import BookingChange
    from ..models.paginated_booking_change_list_pagination import PaginatedBookingChangeListPagination


T = TypeVar("T", bound="PaginatedBookingChangeList")


@_attrs_define
class PaginatedBookingChangeList:
    """
    Attributes:
        items (list[BookingChange]):
        pagination (PaginatedBookingChangeListPagination):
    """

    items: list[BookingChange]
    pagination: PaginatedBookingChangeListPagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_change import BookingChange  # noqa: PLC0415
        from ..models.paginated_booking_change_list_pagination import (
            PaginatedBookingChangeListPagination,  # noqa: PLC0415
        )

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BookingChange.from_dict(items_item_data)

            items.append(items_item)

        pagination = PaginatedBookingChangeListPagination.from_dict(d.pop("pagination"))

        paginated_booking_change_list = cls(
            items=items,
            pagination=pagination,
        )

        paginated_booking_change_list.additional_properties = d
        return paginated_booking_change_list

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
