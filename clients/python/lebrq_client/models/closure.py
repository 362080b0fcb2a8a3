from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Closure")


@_attrs_define
class Closure:
    """A closure of `context["venue"]`, its times shown in the venue's own time zone.

    Attributes:
        id (int):
        venue (int):
        start (datetime.datetime):
        end (datetime.datetime):
        created_at (datetime.datetime):
        reason (str | Unset):
    """

    id: int
    venue: int
    start: datetime.datetime
    end: datetime.datetime
    created_at: datetime.datetime
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        venue = self.venue

        start = self.start.isoformat()

        end = self.end.isoformat()

        created_at = self.created_at.isoformat()

        reason: str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "venue": venue,
                "start": start,
                "end": end,
                "created_at": created_at,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        venue = d.pop("venue")

        start = datetime.datetime.fromisoformat(d.pop("start"))

        end = datetime.datetime.fromisoformat(d.pop("end"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_reason(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        closure = cls(
            id=id,
            venue=venue,
            start=start,
            end=end,
            created_at=created_at,
            reason=reason,
        )

        closure.additional_properties = d
        return closure

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
