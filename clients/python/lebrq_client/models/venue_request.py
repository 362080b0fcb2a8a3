from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VenueRequest")


@_attrs_define
class VenueRequest:
    """
    Attributes:
        name (str):
        slug (str):
        city (str):
        state_code (str): GST state code of the venue, e.g. 29 for Karnataka.
        capacity (int): Most guests a booking may bring.
        hourly_rate (str):
        address (str | Unset):
        timezone (str | Unset):
        gst_rate (str | Unset):
        sac_code (str | Unset):
        rules (Any | Unset): The venue's rules (DESIGN Part 2). PATCH merges the keys sent over the current rules
            (opening hours day by day); POST and PUT take the object whole, a key left out at its default.
        description (str | Unset):
        is_active (bool | Unset):
    """

    name: str
    slug: str
    city: str
    state_code: str
    capacity: int
    hourly_rate: str
    address: str | Unset = UNSET
    timezone: str | Unset = UNSET
    gst_rate: str | Unset = UNSET
    sac_code: str | Unset = UNSET
    rules: Any | Unset = UNSET
    description: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        slug = self.slug

        city = self.city

        state_code = self.state_code

        capacity = self.capacity

        hourly_rate = self.hourly_rate

        address: str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        timezone = self.timezone

        gst_rate = self.gst_rate

        sac_code = self.sac_code

        rules = self.rules

        description = self.description

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "slug": slug,
                "city": city,
                "state_code": state_code,
                "capacity": capacity,
                "hourly_rate": hourly_rate,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if gst_rate is not UNSET:
            field_dict["gst_rate"] = gst_rate
        if sac_code is not UNSET:
            field_dict["sac_code"] = sac_code
        if rules is not UNSET:
            field_dict["rules"] = rules
        if description is not UNSET:
            field_dict["description"] = description
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        slug = d.pop("slug")

        city = d.pop("city")

        state_code = d.pop("state_code")

        capacity = d.pop("capacity")

        hourly_rate = d.pop("hourly_rate")

        def _parse_address(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        timezone = d.pop("timezone", UNSET)

        gst_rate = d.pop("gst_rate", UNSET)

        sac_code = d.pop("sac_code", UNSET)

        rules = d.pop("rules", UNSET)

        description = d.pop("description", UNSET)

        is_active = d.pop("is_active", UNSET)

        venue_request = cls(
            name=name,
            slug=slug,
            city=city,
            state_code=state_code,
            capacity=capacity,
            hourly_rate=hourly_rate,
            address=address,
            timezone=timezone,
            gst_rate=gst_rate,
            sac_code=sac_code,
            rules=rules,
            description=description,
            is_active=is_active,
        )

        venue_request.additional_properties = d
        return venue_request

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
