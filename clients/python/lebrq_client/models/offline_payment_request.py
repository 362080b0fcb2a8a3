from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.offline_payment_method_enum import OfflinePaymentMethodEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="OfflinePaymentRequest")


@_attrs_define
class OfflinePaymentRequest:
    """
    Attributes:
        amount (str):
        method (OfflinePaymentMethodEnum): * `upi` - UPI
            * `bank_transfer` - Bank transfer
            * `cash` - Cash
            * `cheque` - Cheque
            * `card_terminal` - Card terminal
        reference (str | Unset):  Default: ''.
    """

    amount: str
    method: OfflinePaymentMethodEnum
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        method = self.method.value

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "method": method,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        method = OfflinePaymentMethodEnum(d.pop("method"))

        reference = d.pop("reference", UNSET)

        offline_payment_request = cls(
            amount=amount,
            method=method,
            reference=reference,
        )

        offline_payment_request.additional_properties = d
        return offline_payment_request

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
