from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Attributes:
        id (int):
        email (str):
        email_verified (bool): Set by POST /api/auth/verify-email; REQUIRE_VERIFIED_EMAIL needs it to book.
        full_name (str):
        phone (str):
        state_code (str):
        gstin (str):
        is_staff (bool): Designates whether the user can log into this admin site.
        date_joined (datetime.datetime):
        calendar_feed_url (None | str):
    """

    id: int
    email: str
    email_verified: bool
    full_name: str
    phone: str
    state_code: str
    gstin: str
    is_staff: bool
    date_joined: datetime.datetime
    calendar_feed_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        email_verified = self.email_verified

        full_name = self.full_name

        phone = self.phone

        state_code = self.state_code

        gstin = self.gstin

        is_staff = self.is_staff

        date_joined = self.date_joined.isoformat()

        calendar_feed_url: None | str
        calendar_feed_url = self.calendar_feed_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "email_verified": email_verified,
                "full_name": full_name,
                "phone": phone,
                "state_code": state_code,
                "gstin": gstin,
                "is_staff": is_staff,
                "date_joined": date_joined,
                "calendar_feed_url": calendar_feed_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")

        email_verified = d.pop("email_verified")

        full_name = d.pop("full_name")

        phone = d.pop("phone")

        state_code = d.pop("state_code")

        gstin = d.pop("gstin")

        is_staff = d.pop("is_staff")

        date_joined = datetime.datetime.fromisoformat(d.pop("date_joined"))

        def _parse_calendar_feed_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        calendar_feed_url = _parse_calendar_feed_url(d.pop("calendar_feed_url"))

        user = cls(
            id=id,
            email=email,
            email_verified=email_verified,
            full_name=full_name,
            phone=phone,
            state_code=state_code,
            gstin=gstin,
            is_staff=is_staff,
            date_joined=date_joined,
            calendar_feed_url=calendar_feed_url,
        )

        user.additional_properties = d
        return user

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
