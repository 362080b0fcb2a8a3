from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RescheduleRequest")


@_attrs_define
class RescheduleRequest:
    """
    Attributes:
        start_datetime (datetime.datetime):
        end_datetime (datetime.datetime):
        override_rules (bool | Unset): Staff only: ignore the notice, the horizon and the opening hours. Default: False.
    """

    start_datetime: datetime.datetime
    end_datetime: datetime.datetime
    override_rules: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_datetime = self.start_datetime.isoformat()

        end_datetime = self.end_datetime.isoformat()

        override_rules = self.override_rules

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "start_datetime": start_datetime,
                "end_datetime": end_datetime,
            }
        )
        if override_rules is not UNSET:
            field_dict["override_rules"] = override_rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start_datetime = datetime.datetime.fromisoformat(d.pop("start_datetime"))

        end_datetime = datetime.datetime.fromisoformat(d.pop("end_datetime"))

        override_rules = d.pop("override_rules", UNSET)

        reschedule_request = cls(
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            override_rules=override_rules,
        )

        reschedule_request.additional_properties = d
        return reschedule_request

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
