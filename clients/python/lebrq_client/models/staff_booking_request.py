from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.booking_kind_enum import BookingKindEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.booking_item_input_request import BookingItemInputRequest
    from ..models.offline_payment_request import OfflinePaymentRequest


T = TypeVar("T", bound="StaffBookingRequest")


@_attrs_define
class StaffBookingRequest:
    """A booking staff make on a customer's behalf (DESIGN Part 2, lifecycle).

    Attributes:
        venue (int):
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        title (str):
        customer_email (str):
        kind (BookingKindEnum | Unset): * `event` - Event
            * `program` - Programme Default: BookingKindEnum.EVENT.
        is_public (bool | Unset):  Default: False.
        guests (int | Unset):  Default: 1.
        items (list[BookingItemInputRequest] | Unset):
        customer_name (str | Unset):
        phone (str | Unset):
        discount_percent (str | Unset):  Default: '0.00'.
        override_rules (bool | Unset): Ignore the notice, the horizon and the opening hours (never overlaps or
            capacity). Default: False.
        payment (OfflinePaymentRequest | Unset):
        pay_later (bool | Unset): Confirm now; the customer pays later. Default: False.
    """

    venue: int
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    title: str
    customer_email: str
    kind: BookingKindEnum | Unset = BookingKindEnum.EVENT
    is_public: bool | Unset = False
    guests: int | Unset = 1
    items: list[BookingItemInputRequest] | Unset = UNSET
    customer_name: str | Unset = UNSET
    phone: str | Unset = UNSET
    discount_percent: str | Unset = "0.00"
    override_rules: bool | Unset = False
    payment: OfflinePaymentRequest | Unset = UNSET
    pay_later: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        venue = self.venue

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        title = self.title

        customer_email = self.customer_email

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        is_public = self.is_public

        guests = self.guests

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        customer_name: str | Unset
        if isinstance(self.customer_name, Unset):
            customer_name = UNSET
        else:
            customer_name = self.customer_name

        phone: str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        discount_percent = self.discount_percent

        override_rules = self.override_rules

        payment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payment, Unset):
            payment = self.payment.to_dict()

        pay_later = self.pay_later

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "venue": venue,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "title": title,
                "customer_email": customer_email,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if guests is not UNSET:
            field_dict["guests"] = guests
        if items is not UNSET:
            field_dict["items"] = items
        if customer_name is not UNSET:
            field_dict["customer_name"] = customer_name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if discount_percent is not UNSET:
            field_dict["discount_percent"] = discount_percent
        if override_rules is not UNSET:
            field_dict["override_rules"] = override_rules
        if payment is not UNSET:
            field_dict["payment"] = payment
        if pay_later is not UNSET:
            field_dict["pay_later"] = pay_later

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_item_input_request import BookingItemInputRequest  # noqa: PLC0415
        from ..models.offline_payment_request import OfflinePaymentRequest  # noqa: PLC0415

        d = dict(src_dict)
        venue = d.pop("venue")

        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        title = d.pop("title")

        customer_email = d.pop("customer_email")

        _kind = d.pop("kind", UNSET)
        kind: BookingKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = BookingKindEnum(_kind)

        is_public = d.pop("is_public", UNSET)

        guests = d.pop("guests", UNSET)

        _items = d.pop("items", UNSET)
        items: list[BookingItemInputRequest] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = BookingItemInputRequest.from_dict(items_item_data)

                items.append(items_item)

        def _parse_customer_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        customer_name = _parse_customer_name(d.pop("customer_name", UNSET))

        def _parse_phone(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        discount_percent = d.pop("discount_percent", UNSET)

        override_rules = d.pop("override_rules", UNSET)

        _payment = d.pop("payment", UNSET)
        payment: OfflinePaymentRequest | Unset
        if isinstance(_payment, Unset):
            payment = UNSET
        else:
            payment = OfflinePaymentRequest.from_dict(_payment)

        pay_later = d.pop("pay_later", UNSET)

        staff_booking_request = cls(
            venue=venue,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            title=title,
            customer_email=customer_email,
            kind=kind,
            is_public=is_public,
            guests=guests,
            items=items,
            customer_name=customer_name,
            phone=phone,
            discount_percent=discount_percent,
            override_rules=override_rules,
            payment=payment,
            pay_later=pay_later,
        )

        staff_booking_request.additional_properties = d
        return staff_booking_request

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
