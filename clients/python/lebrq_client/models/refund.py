from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refund_status_enum import RefundStatusEnum

T = TypeVar("T", bound="Refund")


@_attrs_define
class Refund:
    """
    Attributes:
        amount (str):
        percent (int): Share of the total refunded under the cancellation policy.
        reason (str):
        status (RefundStatusEnum): * `pending` - Pending
            * `processed` - Processed
            * `failed` - Failed
        created_at (datetime.datetime):
    """

    amount: str
    percent: int
    reason: str
    status: RefundStatusEnum
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        percent = self.percent

        reason = self.reason

        status = self.status.value

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "percent": percent,
                "reason": reason,
                "status": status,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        percent = d.pop("percent")

        reason = d.pop("reason")

        status = RefundStatusEnum(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        refund = cls(
            amount=amount,
            percent=percent,
            reason=reason,
            status=status,
            created_at=created_at,
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
