from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.media_file_kind_enum import MediaFileKindEnum

T = TypeVar("T", bound="MediaFile")


@_attrs_define
class MediaFile:
    """
    Attributes:
        id (int):
        kind (MediaFileKindEnum): * `poster` - Poster
            * `image` - Image
            * `video` - Video
            * `program_image` - Programme image
            * `audio` - Audio note
        url (str):
        size (int):
        sha256 (str):
        content_type (str):
        original_name (str):
        created_at (datetime.datetime):
    """

    id: int
    kind: MediaFileKindEnum
    url: str
    size: int
    sha256: str
    content_type: str
    original_name: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        url = self.url

        size = self.size

        sha256 = self.sha256

        content_type = self.content_type

        original_name = self.original_name

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "url": url,
                "size": size,
                "sha256": sha256,
                "content_type": content_type,
                "original_name": original_name,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = MediaFileKindEnum(d.pop("kind"))

        url = d.pop("url")

        size = d.pop("size")

        sha256 = d.pop("sha256")

        content_type = d.pop("content_type")

        original_name = d.pop("original_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        media_file = cls(
            id=id,
            kind=kind,
            url=url,
            size=size,
            sha256=sha256,
            content_type=content_type,
            original_name=original_name,
            created_at=created_at,
        )

        media_file.additional_properties = d
        return media_file

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
