from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedItemRequest")


@_attrs_define
class PatchedItemRequest:
    """
    Attributes:
        name (str | Unset):
        description (str | Unset):
        unit_price (str | Unset):
        gst_rate (str | Unset):
        sac_code (str | Unset):
        stock (int | None | Unset): How many exist: bookings overlapping in time share them. Empty = unlimited.
        is_active (bool | Unset):
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    unit_price: str | Unset = UNSET
    gst_rate: str | Unset = UNSET
    sac_code: str | Unset = UNSET
    stock: int | None | Unset = UNSET
    is_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        unit_price = self.unit_price

        gst_rate = self.gst_rate

        sac_code = self.sac_code

        stock: int | None | Unset
        if isinstance(self.stock, Unset):
            stock = UNSET
        else:
            stock = self.stock

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if unit_price is not UNSET:
            field_dict["unit_price"] = unit_price
        if gst_rate is not UNSET:
            field_dict["gst_rate"] = gst_rate
        if sac_code is not UNSET:
            field_dict["sac_code"] = sac_code
        if stock is not UNSET:
            field_dict["stock"] = stock
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        unit_price = d.pop("unit_price", UNSET)

        gst_rate = d.pop("gst_rate", UNSET)

        sac_code = d.pop("sac_code", UNSET)

        def _parse_stock(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stock = _parse_stock(d.pop("stock", UNSET))

        is_active = d.pop("is_active", UNSET)

        patched_item_request = cls(
            name=name,
            description=description,
            unit_price=unit_price,
            gst_rate=gst_rate,
            sac_code=sac_code,
            stock=stock,
            is_active=is_active,
        )

        patched_item_request.additional_properties = d
        return patched_item_request

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
