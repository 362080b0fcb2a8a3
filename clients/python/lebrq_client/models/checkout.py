from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.prefill import Prefill


T = TypeVar("T", bound="Checkout")


@_attrs_define
class Checkout:
    """Handed to Razorpay's checkout as it is: `amount` is integer paise.

    Attributes:
        key_id (str):
        order_id (str):
        amount (int):
        currency (str):
        name (str):
        description (str):
        prefill (Prefill):
    """

    key_id: str
    order_id: str
    amount: int
    currency: str
    name: str
    description: str
    prefill: Prefill
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_id = self.key_id

        order_id = self.order_id

        amount = self.amount

        currency = self.currency

        name = self.name

        description = self.description

        prefill = self.prefill.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_id": key_id,
                "order_id": order_id,
                "amount": amount,
                "currency": currency,
                "name": name,
                "description": description,
                "prefill": prefill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.prefill import Prefill  # noqa: PLC0415

        d = dict(src_dict)
        key_id = d.pop("key_id")

        order_id = d.pop("order_id")

        amount = d.pop("amount")

        currency = d.pop("currency")

        name = d.pop("name")

        description = d.pop("description")

        prefill = Prefill.from_dict(d.pop("prefill"))

        checkout = cls(
            key_id=key_id,
            order_id=order_id,
            amount=amount,
            currency=currency,
            name=name,
            description=description,
            prefill=prefill,
        )

        checkout.additional_properties = d
        return checkout

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
