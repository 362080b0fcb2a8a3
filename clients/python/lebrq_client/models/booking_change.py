from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_enum import ActionEnum

if TYPE_CHECKING:
    from ..models.booking_change_changes import BookingChangeChanges


T = TypeVar("T", bound="BookingChange")


@_attrs_define
class BookingChange:
    """
    Attributes:
        at (datetime.datetime):
        actor (str): null for the system.
        action (ActionEnum): * `created` - Created
            * `approved` - Approved
            * `rejected` - Rejected
            * `confirmed` - Confirmed
            * `payment_received` - Payment received
            * `rescheduled` - Rescheduled
            * `cancelled` - Cancelled
            * `refund_processed` - Refund processed
            * `expired` - Expired
            * `completed` - Completed
            * `updated` - Updated
        changes (BookingChangeChanges): {field: [before, after]}
    """

    at: datetime.datetime
    actor: str
    action: ActionEnum
    changes: BookingChangeChanges
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        actor = self.actor

        action = self.action.value

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "actor": actor,
                "action": action,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_change_changes import BookingChangeChanges  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        actor = d.pop("actor")

        action = ActionEnum(d.pop("action"))

        changes = BookingChangeChanges.from_dict(d.pop("changes"))

        booking_change = cls(
            at=at,
            actor=actor,
            action=action,
            changes=changes,
        )

        booking_change.additional_properties = d
        return booking_change

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
