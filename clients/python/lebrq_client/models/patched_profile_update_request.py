from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedProfileUpdateRequest")


@_attrs_define
class PatchedProfileUpdateRequest:
    """PATCH /api/auth/me: any of these; the GSTIN's first two digits must equal the state code
    (the one sent, or the account's).

        Attributes:
            full_name (str | Unset):
            phone (str | Unset):
            gstin (str | Unset):
            state_code (str | Unset):
    """

    full_name: str | Unset = UNSET
    phone: str | Unset = UNSET
    gstin: str | Unset = UNSET
    state_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        full_name: str | Unset
        if isinstance(self.full_name, Unset):
            full_name = UNSET
        else:
            full_name = self.full_name

        phone: str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        gstin: str | Unset
        if isinstance(self.gstin, Unset):
            gstin = UNSET
        else:
            gstin = self.gstin

        state_code: str | Unset
        if isinstance(self.state_code, Unset):
            state_code = UNSET
        else:
            state_code = self.state_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if gstin is not UNSET:
            field_dict["gstin"] = gstin
        if state_code is not UNSET:
            field_dict["state_code"] = state_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_full_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        full_name = _parse_full_name(d.pop("full_name", UNSET))

        def _parse_phone(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_gstin(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        gstin = _parse_gstin(d.pop("gstin", UNSET))

        def _parse_state_code(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        state_code = _parse_state_code(d.pop("state_code", UNSET))

        patched_profile_update_request = cls(
            full_name=full_name,
            phone=phone,
            gstin=gstin,
            state_code=state_code,
        )

        patched_profile_update_request.additional_properties = d
        return patched_profile_update_request

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
