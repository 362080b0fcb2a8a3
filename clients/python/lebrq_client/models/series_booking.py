from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.booking_status_enum import BookingStatusEnum

T = TypeVar("T", bound="SeriesBooking")


@_attrs_define
class SeriesBooking:
    """
    Attributes:
        id (int):
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        status (BookingStatusEnum): * `pending` - Pending (held, awaiting payment)
            * `requested` - Requested (awaiting staff)
            * `confirmed` - Confirmed
            * `cancelled` - Cancelled
            * `rejected` - Rejected
            * `expired` - Expired
            * `completed` - Completed
        hold_expires_at (datetime.datetime | None):
        total (str):
        deposit_amount (str):
        amount_paid (str):
        amount_due (str):
    """

    id: int
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    status: BookingStatusEnum
    hold_expires_at: datetime.datetime | None
    total: str
    deposit_amount: str
    amount_paid: str
    amount_due: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        status = self.status.value

        hold_expires_at: None | str
        if isinstance(self.hold_expires_at, datetime.datetime):
            hold_expires_at = self.hold_expires_at.isoformat()
        else:
            hold_expires_at = self.hold_expires_at

        total = self.total

        deposit_amount = self.deposit_amount

        amount_paid = self.amount_paid

        amount_due = self.amount_due

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "status": status,
                "hold_expires_at": hold_expires_at,
                "total": total,
                "deposit_amount": deposit_amount,
                "amount_paid": amount_paid,
                "amount_due": amount_due,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        status = BookingStatusEnum(d.pop("status"))

        def _parse_hold_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hold_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return hold_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        hold_expires_at = _parse_hold_expires_at(d.pop("hold_expires_at"))

        total = d.pop("total")

        deposit_amount = d.pop("deposit_amount")

        amount_paid = d.pop("amount_paid")

        amount_due = d.pop("amount_due")

        series_booking = cls(
            id=id,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            status=status,
            hold_expires_at=hold_expires_at,
            total=total,
            deposit_amount=deposit_amount,
            amount_paid=amount_paid,
            amount_due=amount_due,
        )

        series_booking.additional_properties = d
        return series_booking

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
