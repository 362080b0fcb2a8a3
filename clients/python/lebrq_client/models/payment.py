from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_method_enum import PaymentMethodEnum
from ..models.payment_provider_enum import PaymentProviderEnum
from ..models.payment_status_enum import PaymentStatusEnum

T = TypeVar("T", bound="Payment")


@_attrs_define
class Payment:
    """
    Attributes:
        id (int):
        booking (int):
        provider (PaymentProviderEnum): * `offline` - Offline (recorded by staff)
            * `razorpay` - Razorpay
        method (PaymentMethodEnum): * `upi` - UPI
            * `bank_transfer` - Bank transfer
            * `cash` - Cash
            * `cheque` - Cheque
            * `card_terminal` - Card terminal
            * `razorpay` - Razorpay checkout
        amount (str):
        currency (str):
        status (PaymentStatusEnum): * `created` - Created (awaiting the customer)
            * `captured` - Captured
            * `failed` - Failed
        reference (str): UPI reference, UTR, cheque number or terminal slip: what staff recorded.
        provider_order_id (None | str):
        provider_payment_id (None | str):
        created_at (datetime.datetime):
        captured_at (datetime.datetime | None):
    """

    id: int
    booking: int
    provider: PaymentProviderEnum
    method: PaymentMethodEnum
    amount: str
    currency: str
    status: PaymentStatusEnum
    reference: str
    provider_order_id: None | str
    provider_payment_id: None | str
    created_at: datetime.datetime
    captured_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        booking = self.booking

        provider = self.provider.value

        method = self.method.value

        amount = self.amount

        currency = self.currency

        status = self.status.value

        reference = self.reference

        provider_order_id: None | str
        provider_order_id = self.provider_order_id

        provider_payment_id: None | str
        provider_payment_id = self.provider_payment_id

        created_at = self.created_at.isoformat()

        captured_at: None | str
        if isinstance(self.captured_at, datetime.datetime):
            captured_at = self.captured_at.isoformat()
        else:
            captured_at = self.captured_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "booking": booking,
                "provider": provider,
                "method": method,
                "amount": amount,
                "currency": currency,
                "status": status,
                "reference": reference,
                "provider_order_id": provider_order_id,
                "provider_payment_id": provider_payment_id,
                "created_at": created_at,
                "captured_at": captured_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        booking = d.pop("booking")

        provider = PaymentProviderEnum(d.pop("provider"))

        method = PaymentMethodEnum(d.pop("method"))

        amount = d.pop("amount")

        currency = d.pop("currency")

        status = PaymentStatusEnum(d.pop("status"))

        reference = d.pop("reference")

        def _parse_provider_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider_order_id = _parse_provider_order_id(d.pop("provider_order_id"))

        def _parse_provider_payment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider_payment_id = _parse_provider_payment_id(d.pop("provider_payment_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_captured_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                captured_at_type_0 = datetime.datetime.fromisoformat(data)

                return captured_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        captured_at = _parse_captured_at(d.pop("captured_at"))

        payment = cls(
            id=id,
            booking=booking,
            provider=provider,
            method=method,
            amount=amount,
            currency=currency,
            status=status,
            reference=reference,
            provider_order_id=provider_order_id,
            provider_payment_id=provider_payment_id,
            created_at=created_at,
            captured_at=captured_at,
        )

        payment.additional_properties = d
        return payment

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
