from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SeriesList")


@_attrs_define
class SeriesList:
    """
    Attributes:
        id (int):
        venue (int):
        kind (str):
        title (str):
        rrule (str): RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=12.
        is_public (bool): Listed among the public regular programmes.
        created_at (datetime.datetime):
    """

    id: int
    venue: int
    kind: str
    title: str
    rrule: str
    is_public: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        venue = self.venue

        kind = self.kind

        title = self.title

        rrule = self.rrule

        is_public = self.is_public

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "venue": venue,
                "kind": kind,
                "title": title,
                "rrule": rrule,
                "is_public": is_public,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        venue = d.pop("venue")

        kind = d.pop("kind")

        title = d.pop("title")

        rrule = d.pop("rrule")

        is_public = d.pop("is_public")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        series_list = cls(
            id=id,
            venue=venue,
            kind=kind,
            title=title,
            rrule=rrule,
            is_public=is_public,
            created_at=created_at,
        )

        series_list.additional_properties = d
        return series_list

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
