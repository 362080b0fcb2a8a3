from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Program")


@_attrs_define
class Program:
    """
    Attributes:
        id (int):
        title (str):
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        venue (int):
        venue_name (str):
        city (str):
    """

    id: int
    title: str
    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    venue: int
    venue_name: str
    city: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        venue = self.venue

        venue_name = self.venue_name

        city = self.city

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
                "venue": venue,
                "venue_name": venue_name,
                "city": city,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        venue = d.pop("venue")

        venue_name = d.pop("venue_name")

        city = d.pop("city")

        program = cls(
            id=id,
            title=title,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            venue=venue,
            venue_name=venue_name,
            city=city,
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
