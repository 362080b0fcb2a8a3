from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.booking_kind_enum import BookingKindEnum
from ..models.booking_status_enum import BookingStatusEnum

T = TypeVar("T", bound="AdminBookingList")


@_attrs_define
class AdminBookingList:
    """A row of `selectors.booking_list` (a dict of LIST_COLUMNS).

    Attributes:
        id (int):
        venue (int):
        venue_name (str):
        kind (BookingKindEnum): * `event` - Event
            * `program` - Programme
        title (str):
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        status (BookingStatusEnum): * `pending` - Pending (held, awaiting payment)
            * `requested` - Requested (awaiting staff)
            * `confirmed` - Confirmed
            * `cancelled` - Cancelled
            * `rejected` - Rejected
            * `expired` - Expired
            * `completed` - Completed
        is_public (bool):
        total (str):
        created_at (datetime.datetime):
        user (int):
        user_email (str):
    """

    id: int
    venue: int
    venue_name: str
    kind: BookingKindEnum
    title: str
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    status: BookingStatusEnum
    is_public: bool
    total: str
    created_at: datetime.datetime
    user: int
    user_email: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        venue = self.venue

        venue_name = self.venue_name

        kind = self.kind.value

        title = self.title

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        status = self.status.value

        is_public = self.is_public

        total = self.total

        created_at = self.created_at.isoformat()

        user = self.user

        user_email = self.user_email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "venue": venue,
                "venue_name": venue_name,
                "kind": kind,
                "title": title,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "status": status,
                "is_public": is_public,
                "total": total,
                "created_at": created_at,
                "user": user,
                "user_email": user_email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        venue = d.pop("venue")

        venue_name = d.pop("venue_name")

        kind = BookingKindEnum(d.pop("kind"))

        title = d.pop("title")

        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        status = BookingStatusEnum(d.pop("status"))

        is_public = d.pop("is_public")

        total = d.pop("total")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        user = d.pop("user")

        user_email = d.pop("user_email")

        admin_booking_list = cls(
            id=id,
            venue=venue,
            venue_name=venue_name,
            kind=kind,
            title=title,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            status=status,
            is_public=is_public,
            total=total,
            created_at=created_at,
            user=user,
            user_email=user_email,
        )

        admin_booking_list.additional_properties = d
        return admin_booking_list

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
