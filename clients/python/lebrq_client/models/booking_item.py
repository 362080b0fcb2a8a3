from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BookingItem")


@_attrs_define
class BookingItem:
    """
    Attributes:
        item (int):
        item_name (str):
        quantity (int):
        unit_price (str):
        gst_rate (str):
    """

    item: int
    item_name: str
    quantity: int
    unit_price: str
    gst_rate: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        item = self.item

        item_name = self.item_name

        quantity = self.quantity

        unit_price = self.unit_price

        gst_rate = self.gst_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "item": item,
                "item_name": item_name,
                "quantity": quantity,
                "unit_price": unit_price,
                "gst_rate": gst_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = d.pop("item")

        item_name = d.pop("item_name")

        quantity = d.pop("quantity")

        unit_price = d.pop("unit_price")

        gst_rate = d.pop("gst_rate")

        booking_item = cls(
            item=item,
            item_name=item_name,
            quantity=quantity,
            unit_price=unit_price,
            gst_rate=gst_rate,
        )

        booking_item.additional_properties = d
        return booking_item

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
