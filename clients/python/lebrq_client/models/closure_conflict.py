from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code_enum import CodeEnum

if TYPE_CHECKING:
    from ..models.closure_conflicting_booking import ClosureConflictingBooking


T = TypeVar("T", bound="ClosureConflict")


@_attrs_define
class ClosureConflict:
    """The 409 `closure_conflict` body (for the OpenAPI schema).

    Attributes:
        detail (str):
        code (CodeEnum): * `closure_conflict` - closure_conflict
        conflicts (list[ClosureConflictingBooking]):
    """

    detail: str
    code: CodeEnum
    conflicts: list[ClosureConflictingBooking]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        code = self.code.value

        conflicts = []
        for conflicts_item_data in self.conflicts:
            conflicts_item = conflicts_item_data.to_dict()
            conflicts.append(conflicts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "code": code,
                "conflicts": conflicts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.closure_conflicting_booking import ClosureConflictingBooking  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        code = CodeEnum(d.pop("code"))

        conflicts = []
        _conflicts = d.pop("conflicts")
        for conflicts_item_data in _conflicts:
            conflicts_item = ClosureConflictingBooking.from_dict(conflicts_item_data)

            conflicts.append(conflicts_item)

        closure_conflict = cls(
            detail=detail,
            code=code,
            conflicts=conflicts,
        )

        closure_conflict.additional_properties = d
        return closure_conflict

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
