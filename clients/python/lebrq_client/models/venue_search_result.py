from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.venue_quote import VenueQuote


T = TypeVar("T", bound="VenueSearchResult")


@_attrs_define
class VenueSearchResult:
    """
    Attributes:
        id (int):
        name (str):
        slug (str):
        city (str):
        address (str):
        state_code (str): GST state code of the venue, e.g. 29 for Karnataka.
        timezone (str):
        capacity (int): Most guests a booking may bring.
        hourly_rate (str):
        sac_code (str):
        description (str):
        is_active (bool):
        quote (VenueQuote):
        gst_rate (str | Unset):
        rules (Any | Unset): The venue's rules (DESIGN Part 2). PATCH merges the keys sent over the current rules
            (opening hours day by day); POST and PUT take the object whole, a key left out at its default.
    """

    id: int
    name: str
    slug: str
    city: str
    address: str
    state_code: str
    timezone: str
    capacity: int
    hourly_rate: str
    sac_code: str
    description: str
    is_active: bool
    quote: VenueQuote
    gst_rate: str | Unset = UNSET
    rules: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        slug = self.slug

        city = self.city

        address = self.address

        state_code = self.state_code

        timezone = self.timezone

        capacity = self.capacity

        hourly_rate = self.hourly_rate

        sac_code = self.sac_code

        description = self.description

        is_active = self.is_active

        quote = self.quote.to_dict()

        gst_rate = self.gst_rate

        rules = self.rules

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "slug": slug,
                "city": city,
                "address": address,
                "state_code": state_code,
                "timezone": timezone,
                "capacity": capacity,
                "hourly_rate": hourly_rate,
                "sac_code": sac_code,
                "description": description,
                "is_active": is_active,
                "quote": quote,
            }
        )
        if gst_rate is not UNSET:
            field_dict["gst_rate"] = gst_rate
        if rules is not UNSET:
            field_dict["rules"] = rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.venue_quote import VenueQuote  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        slug = d.pop("slug")

        city = d.pop("city")

        address = d.pop("address")

        state_code = d.pop("state_code")

        timezone = d.pop("timezone")

        capacity = d.pop("capacity")

        hourly_rate = d.pop("hourly_rate")

        sac_code = d.pop("sac_code")

        description = d.pop("description")

        is_active = d.pop("is_active")

        quote = VenueQuote.from_dict(d.pop("quote"))

        gst_rate = d.pop("gst_rate", UNSET)

        rules = d.pop("rules", UNSET)

        venue_search_result = cls(
            id=id,
            name=name,
            slug=slug,
            city=city,
            address=address,
            state_code=state_code,
            timezone=timezone,
            capacity=capacity,
            hourly_rate=hourly_rate,
            sac_code=sac_code,
            description=description,
            is_active=is_active,
            quote=quote,
            gst_rate=gst_rate,
            rules=rules,
        )

        venue_search_result.additional_properties = d
        return venue_search_result

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
