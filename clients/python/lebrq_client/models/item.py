from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Item")


@_attrs_define
class Item:
    """
    Attributes:
        id (int):
        name (str):
        unit_price (str):
        description (str | Unset):
        gst_rate (str | Unset):
        sac_code (str | Unset):
        stock (int | None | Unset): How many exist: bookings overlapping in time share them. Empty = unlimited.
        is_active (bool | Unset):
    """

    id: int
    name: str
    unit_price: str
    description: str | Unset = UNSET
    gst_rate: str | Unset = UNSET
    sac_code: str | Unset = UNSET
    stock: int | None | Unset = UNSET
    is_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        unit_price = self.unit_price

        description = self.description

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
        field_dict.update(
            {
                "id": id,
                "name": name,
                "unit_price": unit_price,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
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
        id = d.pop("id")

        name = d.pop("name")

        unit_price = d.pop("unit_price")

        description = d.pop("description", UNSET)

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

        item = cls(
            id=id,
            name=name,
            unit_price=unit_price,
            description=description,
            gst_rate=gst_rate,
            sac_code=sac_code,
            stock=stock,
            is_active=is_active,
        )

        item.additional_properties = d
        return item

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
