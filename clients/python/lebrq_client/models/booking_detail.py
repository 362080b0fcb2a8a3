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
        customer_email (str):
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
        hold_expires_at (datetime.datetime | None):
        decision_due_at (datetime.datetime | None):
        is_public (bool): Listed among the public regular programmes.
        guests (int):
        series (int | None):
        discount_percent (str):
        venue_hourly_rate (str):
        venue_gst_rate (str):
        subtotal (str):
        tax_total (str):
        total (str):
        deposit_amount (str):
        balance_due_at (datetime.datetime | None):
        amount_paid (str):
        amount_refunded (str):
        amount_due (str):
        items (list[BookingItem]):
        refunds (list[Refund]):
        sequence (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: int
    user: int
    customer_email: str
    venue: int
    venue_name: str
    kind: BookingKindEnum
    title: str
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    status: BookingStatusEnum
    hold_expires_at: datetime.datetime | None
    decision_due_at: datetime.datetime | None
    is_public: bool
    guests: int
    series: int | None
    discount_percent: str
    venue_hourly_rate: str
    venue_gst_rate: str
    subtotal: str
    tax_total: str
    total: str
    deposit_amount: str
    balance_due_at: datetime.datetime | None
    amount_paid: str
    amount_refunded: str
    amount_due: str
    items: list[BookingItem]
    refunds: list[Refund]
    sequence: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user = self.user

        customer_email = self.customer_email

        venue = self.venue

        venue_name = self.venue_name

        kind = self.kind.value

        title = self.title

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        status = self.status.value

        hold_expires_at: None | str
        if isinstance(self.hold_expires_at, datetime.datetime):
            hold_expires_at = self.hold_expires_at.isoformat()
        else:
            hold_expires_at = self.hold_expires_at

        decision_due_at: None | str
        if isinstance(self.decision_due_at, datetime.datetime):
            decision_due_at = self.decision_due_at.isoformat()
        else:
            decision_due_at = self.decision_due_at

        is_public = self.is_public

        guests = self.guests

        series: int | None
        series = self.series

        discount_percent = self.discount_percent

        venue_hourly_rate = self.venue_hourly_rate

        venue_gst_rate = self.venue_gst_rate

        subtotal = self.subtotal

        tax_total = self.tax_total

        total = self.total

        deposit_amount = self.deposit_amount

        balance_due_at: None | str
        if isinstance(self.balance_due_at, datetime.datetime):
            balance_due_at = self.balance_due_at.isoformat()
        else:
            balance_due_at = self.balance_due_at

        amount_paid = self.amount_paid

        amount_refunded = self.amount_refunded

        amount_due = self.amount_due

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        refunds = []
        for refunds_item_data in self.refunds:
            refunds_item = refunds_item_data.to_dict()
            refunds.append(refunds_item)

        sequence = self.sequence

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user": user,
                "customer_email": customer_email,
                "venue": venue,
                "venue_name": venue_name,
                "kind": kind,
                "title": title,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "status": status,
                "hold_expires_at": hold_expires_at,
                "decision_due_at": decision_due_at,
                "is_public": is_public,
                "guests": guests,
                "series": series,
                "discount_percent": discount_percent,
                "venue_hourly_rate": venue_hourly_rate,
                "venue_gst_rate": venue_gst_rate,
                "subtotal": subtotal,
                "tax_total": tax_total,
                "total": total,
                "deposit_amount": deposit_amount,
                "balance_due_at": balance_due_at,
                "amount_paid": amount_paid,
                "amount_refunded": amount_refunded,
                "amount_due": amount_due,
                "items": items,
                "refunds": refunds,
                "sequence": sequence,
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

        customer_email = d.pop("customer_email")

        venue = d.pop("venue")

        venue_name = d.pop("venue_name")

        kind = BookingKindEnum(d.pop("kind"))

        title = d.pop("title")

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

        def _parse_decision_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return decision_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decision_due_at = _parse_decision_due_at(d.pop("decision_due_at"))

        is_public = d.pop("is_public")

        guests = d.pop("guests")

        def _parse_series(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        series = _parse_series(d.pop("series"))

        discount_percent = d.pop("discount_percent")

        venue_hourly_rate = d.pop("venue_hourly_rate")

        venue_gst_rate = d.pop("venue_gst_rate")

        subtotal = d.pop("subtotal")

        tax_total = d.pop("tax_total")

        total = d.pop("total")

        deposit_amount = d.pop("deposit_amount")

        def _parse_balance_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                balance_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return balance_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        balance_due_at = _parse_balance_due_at(d.pop("balance_due_at"))

        amount_paid = d.pop("amount_paid")

        amount_refunded = d.pop("amount_refunded")

        amount_due = d.pop("amount_due")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BookingItem.from_dict(items_item_data)

            items.append(items_item)

        refunds = []
        _refunds = d.pop("refunds")
        for refunds_item_data in _refunds:
            refunds_item = Refund.from_dict(refunds_item_data)

            refunds.append(refunds_item)

        sequence = d.pop("sequence")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        booking_detail = cls(
            id=id,
            user=user,
            customer_email=customer_email,
            venue=venue,
            venue_name=venue_name,
            kind=kind,
            title=title,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            status=status,
            hold_expires_at=hold_expires_at,
            decision_due_at=decision_due_at,
            is_public=is_public,
            guests=guests,
            series=series,
            discount_percent=discount_percent,
            venue_hourly_rate=venue_hourly_rate,
            venue_gst_rate=venue_gst_rate,
            subtotal=subtotal,
            tax_total=tax_total,
            total=total,
            deposit_amount=deposit_amount,
            balance_due_at=balance_due_at,
            amount_paid=amount_paid,
            amount_refunded=amount_refunded,
            amount_due=amount_due,
            items=items,
            refunds=refunds,
            sequence=sequence,
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
