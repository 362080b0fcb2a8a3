from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refund_provider_enum import RefundProviderEnum
from ..models.refund_status_enum import RefundStatusEnum

T = TypeVar("T", bound="Refund")


@_attrs_define
class Refund:
    """
    Attributes:
        id (int):
        amount (str):
        percent (int): Share of what was paid that is returned.
        status (RefundStatusEnum): * `pending` - Pending
            * `processed` - Processed
            * `failed` - Failed
        provider (RefundProviderEnum): * `offline` - Offline (paid out by staff)
            * `razorpay` - Razorpay
        reference (str):
        reason (str):
        created_at (datetime.datetime):
        processed_at (datetime.datetime | None):
    """

    id: int
    amount: str
    percent: int
    status: RefundStatusEnum
    provider: RefundProviderEnum
    reference: str
    reason: str
    created_at: datetime.datetime
    processed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        amount = self.amount

        percent = self.percent

        status = self.status.value

        provider = self.provider.value

        reference = self.reference

        reason = self.reason

        created_at = self.created_at.isoformat()

        processed_at: None | str
        if isinstance(self.processed_at, datetime.datetime):
            processed_at = self.processed_at.isoformat()
        else:
            processed_at = self.processed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "amount": amount,
                "percent": percent,
                "status": status,
                "provider": provider,
                "reference": reference,
                "reason": reason,
                "created_at": created_at,
                "processed_at": processed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        amount = d.pop("amount")

        percent = d.pop("percent")

        status = RefundStatusEnum(d.pop("status"))

        provider = RefundProviderEnum(d.pop("provider"))

        reference = d.pop("reference")

        reason = d.pop("reason")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_processed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                processed_at_type_0 = datetime.datetime.fromisoformat(data)

                return processed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        processed_at = _parse_processed_at(d.pop("processed_at"))

        refund = cls(
            id=id,
            amount=amount,
            percent=percent,
            status=status,
            provider=provider,
            reference=reference,
            reason=reason,
            created_at=created_at,
            processed_at=processed_at,
        )

        refund.additional_properties = d
        return refund

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
