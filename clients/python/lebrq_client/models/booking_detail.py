from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.booking_kind_enum import BookingKindEnum
from ..models.booking_status_enum import BookingStatusEnum

if TYPE_CHECKING:
    from ..models.booking_item import BookingItem
    from ..models.refund import Refund


T = TypeVar("T", bound="BookingDetail")


@_attrs_define
class BookingDetail:
    """
    Attributes:
        id (int):
        user (int):
        venue (int):
        venue_name (str):
        kind (BookingKindEnum): * `event` - Event
            * `program` - Programme
        title (str):
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        status (BookingStatusEnum): * `pending` - Pending
            * `confirmed` - Confirmed
            * `cancelled` - Cancelled
            * `completed` - Completed
        is_public (bool): Listed among the public regular programmes.
        guests (int):
        venue_hourly_rate (str):
        venue_gst_rate (str):
        subtotal (str):
        tax_total (str):
        total (str):
        items (list[BookingItem]):
        refund (None | Refund):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: int
    user: int
    venue: int
    venue_name: str
    kind: BookingKindEnum
    title: str
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    status: BookingStatusEnum
    is_public: bool
    guests: int
    venue_hourly_rate: str
    venue_gst_rate: str
    subtotal: str
    tax_total: str
    total: str
    items: list[BookingItem]
    refund: None | Refund
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.refund import Refund  # noqa: PLC0415

        id = self.id

        user = self.user

        venue = self.venue

        venue_name = self.venue_name

        kind = self.kind.value

        title = self.title

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        status = self.status.value

        is_public = self.is_public

        guests = self.guests

        venue_hourly_rate = self.venue_hourly_rate

        venue_gst_rate = self.venue_gst_rate

        subtotal = self.subtotal

        tax_total = self.tax_total

        total = self.total

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        refund: dict[str, Any] | None
        if isinstance(self.refund, Refund):
            refund = self.refund.to_dict()
        else:
            refund = self.refund

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user": user,
                "venue": venue,
                "venue_name": venue_name,
                "kind": kind,
                "title": title,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "status": status,
                "is_public": is_public,
                "guests": guests,
                "venue_hourly_rate": venue_hourly_rate,
                "venue_gst_rate": venue_gst_rate,
                "subtotal": subtotal,
                "tax_total": tax_total,
                "total": total,
                "items": items,
                "refund": refund,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_item import BookingItem  # noqa: PLC0415
        from ..models.refund import Refund  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        user = d.pop("user")

        venue = d.pop("venue")

        venue_name = d.pop("venue_name")

        kind = BookingKindEnum(d.pop("kind"))

        title = d.pop("title")

        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        status = BookingStatusEnum(d.pop("status"))

        is_public = d.pop("is_public")

        guests = d.pop("guests")

        venue_hourly_rate = d.pop("venue_hourly_rate")

        venue_gst_rate = d.pop("venue_gst_rate")

        subtotal = d.pop("subtotal")

        tax_total = d.pop("tax_total")

        total = d.pop("total")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BookingItem.from_dict(items_item_data)

            items.append(items_item)

        def _parse_refund(data: object) -> None | Refund:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                refund_type_1 = Refund.from_dict(data)

                return refund_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Refund, data)

        refund = _parse_refund(d.pop("refund"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        booking_detail = cls(
            id=id,
            user=user,
            venue=venue,
            venue_name=venue_name,
            kind=kind,
            title=title,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            status=status,
            is_public=is_public,
            guests=guests,
            venue_hourly_rate=venue_hourly_rate,
            venue_gst_rate=venue_gst_rate,
            subtotal=subtotal,
            tax_total=tax_total,
            total=total,
            items=items,
            refund=refund,
            created_at=created_at,
            updated_at=updated_at,
        )

        booking_detail.additional_properties = d
        return booking_detail

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
