from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cancellation_tier import CancellationTier
    from ..models.quote_line import QuoteLine


T = TypeVar("T", bound="Quote")


@_attrs_define
class Quote:
    """
    Attributes:
        lines (list[QuoteLine]):
        subtotal (str):
        tax_total (str):
        total (str):
        deposit_due (str):
        balance_due (str):
        balance_due_at (datetime.datetime):
        hold_minutes (int):
        cancellation_policy (list[CancellationTier]):
    """

    lines: list[QuoteLine]
    subtotal: str
    tax_total: str
    total: str
    deposit_due: str
    balance_due: str
    balance_due_at: datetime.datetime
    hold_minutes: int
    cancellation_policy: list[CancellationTier]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        subtotal = self.subtotal

        tax_total = self.tax_total

        total = self.total

        deposit_due = self.deposit_due

        balance_due = self.balance_due

        balance_due_at = self.balance_due_at.isoformat()

        hold_minutes = self.hold_minutes

        cancellation_policy = []
        for cancellation_policy_item_data in self.cancellation_policy:
            cancellation_policy_item = cancellation_policy_item_data.to_dict()
            cancellation_policy.append(cancellation_policy_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lines": lines,
                "subtotal": subtotal,
                "tax_total": tax_total,
                "total": total,
                "deposit_due": deposit_due,
                "balance_due": balance_due,
                "balance_due_at": balance_due_at,
                "hold_minutes": hold_minutes,
                "cancellation_policy": cancellation_policy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cancellation_tier import CancellationTier  # noqa: PLC0415
        from ..models.quote_line import QuoteLine  # noqa: PLC0415

        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = QuoteLine.from_dict(lines_item_data)

            lines.append(lines_item)

        subtotal = d.pop("subtotal")

        tax_total = d.pop("tax_total")

        total = d.pop("total")

        deposit_due = d.pop("deposit_due")

        balance_due = d.pop("balance_due")

        balance_due_at = datetime.datetime.fromisoformat(d.pop("balance_due_at"))

        hold_minutes = d.pop("hold_minutes")

        cancellation_policy = []
        _cancellation_policy = d.pop("cancellation_policy")
        for cancellation_policy_item_data in _cancellation_policy:
            cancellation_policy_item = CancellationTier.from_dict(cancellation_policy_item_data)

            cancellation_policy.append(cancellation_policy_item)

        quote = cls(
            lines=lines,
            subtotal=subtotal,
            tax_total=tax_total,
            total=total,
            deposit_due=deposit_due,
            balance_due=balance_due,
            balance_due_at=balance_due_at,
            hold_minutes=hold_minutes,
            cancellation_policy=cancellation_policy,
        )

        quote.additional_properties = d
        return quote

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
