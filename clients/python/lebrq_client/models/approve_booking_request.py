from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApproveBookingRequest")


@_attrs_define
class ApproveBookingRequest:
    """
    Attributes:
        pay_later (bool | Unset): Confirm at once without payment; otherwise the booking is held for its deposit.
            Default: False.
    """

    pay_later: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pay_later = self.pay_later

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pay_later is not UNSET:
            field_dict["pay_later"] = pay_later

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pay_later = d.pop("pay_later", UNSET)

        approve_booking_request = cls(
            pay_later=pay_later,
        )

        approve_booking_request.additional_properties = d
        return approve_booking_request

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
