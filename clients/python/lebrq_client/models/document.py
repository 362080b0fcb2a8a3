from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Document")


@_attrs_define
class Document:
    """
    Attributes:
        type_ (str):
        number (str):
        issued_at (datetime.datetime):
        total (str):
        url (str):
    """

    type_: str
    number: str
    issued_at: datetime.datetime
    total: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        number = self.number

        issued_at = self.issued_at.isoformat()

        total = self.total

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "number": number,
                "issued_at": issued_at,
                "total": total,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        number = d.pop("number")

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        total = d.pop("total")

        url = d.pop("url")

        document = cls(
            type_=type_,
            number=number,
            issued_at=issued_at,
            total=total,
            url=url,
        )

        document.additional_properties = d
        return document

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
