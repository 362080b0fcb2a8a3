from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.series_booking import SeriesBooking
    from ..models.skipped_date import SkippedDate


T = TypeVar("T", bound="SeriesCreated")


@_attrs_define
class SeriesCreated:
    """
    Attributes:
        id (int):
        venue (int):
        venue_name (str):
        kind (str):
        title (str):
        rrule (str): RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=12.
        is_public (bool): Listed among the public regular programmes.
        guests (int):
        amount_due (str):
        bookings (list[SeriesBooking]):
        created_at (datetime.datetime):
        skipped (list[SkippedDate]):
    """

    id: int
    venue: int
    venue_name: str
    kind: str
    title: str
    rrule: str
    is_public: bool
    guests: int
    amount_due: str
    bookings: list[SeriesBooking]
    created_at: datetime.datetime
    skipped: list[SkippedDate]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        venue = self.venue

        venue_name = self.venue_name

        kind = self.kind

        title = self.title

        rrule = self.rrule

        is_public = self.is_public

        guests = self.guests

        amount_due = self.amount_due

        bookings = []
        for bookings_item_data in self.bookings:
            bookings_item = bookings_item_data.to_dict()
            bookings.append(bookings_item)

        created_at = self.created_at.isoformat()

        skipped = []
        for skipped_item_data in self.skipped:
            skipped_item = skipped_item_data.to_dict()
            skipped.append(skipped_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "venue": venue,
                "venue_name": venue_name,
                "kind": kind,
                "title": title,
                "rrule": rrule,
                "is_public": is_public,
                "guests": guests,
                "amount_due": amount_due,
                "bookings": bookings,
                "created_at": created_at,
                "skipped": skipped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.series_booking import SeriesBooking  # noqa: PLC0415
        from ..models.skipped_date import SkippedDate  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        venue = d.pop("venue")

        venue_name = d.pop("venue_name")

        kind = d.pop("kind")

        title = d.pop("title")

        rrule = d.pop("rrule")

        is_public = d.pop("is_public")

        guests = d.pop("guests")

        amount_due = d.pop("amount_due")

        bookings = []
        _bookings = d.pop("bookings")
        for bookings_item_data in _bookings:
            bookings_item = SeriesBooking.from_dict(bookings_item_data)

            bookings.append(bookings_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        skipped = []
        _skipped = d.pop("skipped")
        for skipped_item_data in _skipped:
            skipped_item = SkippedDate.from_dict(skipped_item_data)

            skipped.append(skipped_item)

        series_created = cls(
            id=id,
            venue=venue,
            venue_name=venue_name,
            kind=kind,
            title=title,
            rrule=rrule,
            is_public=is_public,
            guests=guests,
            amount_due=amount_due,
            bookings=bookings,
            created_at=created_at,
            skipped=skipped,
        )

        series_created.additional_properties = d
        return series_created

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
