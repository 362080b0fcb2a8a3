from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Program")


@_attrs_define
class Program:
    """A public series on the programme: the series' id, and when it next meets.

    Attributes:
        id (int):
        title (str):
        rrule (str): RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=12.
        venue (int):
        venue_name (str):
        city (str):
        next_occurrence (datetime.datetime):
        next_occurrence_end (datetime.datetime):
    """

    id: int
    title: str
    rrule: str
    venue: int
    venue_name: str
    city: str
    next_occurrence: datetime.datetime
    next_occurrence_end: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        rrule = self.rrule

        venue = self.venue

        venue_name = self.venue_name

        city = self.city

        next_occurrence = self.next_occurrence.isoformat()

        next_occurrence_end = self.next_occurrence_end.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "rrule": rrule,
                "venue": venue,
                "venue_name": venue_name,
                "city": city,
                "next_occurrence": next_occurrence,
                "next_occurrence_end": next_occurrence_end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        rrule = d.pop("rrule")

        venue = d.pop("venue")

        venue_name = d.pop("venue_name")

        city = d.pop("city")

        next_occurrence = datetime.datetime.fromisoformat(d.pop("next_occurrence"))

        next_occurrence_end = datetime.datetime.fromisoformat(d.pop("next_occurrence_end"))

        program = cls(
            id=id,
            title=title,
            rrule=rrule,
            venue=venue,
            venue_name=venue_name,
            city=city,
            next_occurrence=next_occurrence,
            next_occurrence_end=next_occurrence_end,
        )

        program.additional_properties = d
        return program

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
