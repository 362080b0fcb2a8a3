from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QuoteLine")


@_attrs_define
class QuoteLine:
    """
    Attributes:
        description (str):
        sac_code (str):
        quantity (str):
        unit_price (str):
        taxable_value (str):
        gst_rate (str):
        cgst (str):
        sgst (str):
        igst (str):
        amount (str):
    """

    description: str
    sac_code: str
    quantity: str
    unit_price: str
    taxable_value: str
    gst_rate: str
    cgst: str
    sgst: str
    igst: str
    amount: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        sac_code = self.sac_code

        quantity = self.quantity

        unit_price = self.unit_price

        taxable_value = self.taxable_value

        gst_rate = self.gst_rate

        cgst = self.cgst

        sgst = self.sgst

        igst = self.igst

        amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "sac_code": sac_code,
                "quantity": quantity,
                "unit_price": unit_price,
                "taxable_value": taxable_value,
                "gst_rate": gst_rate,
                "cgst": cgst,
                "sgst": sgst,
                "igst": igst,
                "amount": amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        sac_code = d.pop("sac_code")

        quantity = d.pop("quantity")

        unit_price = d.pop("unit_price")

        taxable_value = d.pop("taxable_value")

        gst_rate = d.pop("gst_rate")

        cgst = d.pop("cgst")

        sgst = d.pop("sgst")

        igst = d.pop("igst")

        amount = d.pop("amount")

        quote_line = cls(
            description=description,
            sac_code=sac_code,
            quantity=quantity,
            unit_price=unit_price,
            taxable_value=taxable_value,
            gst_rate=gst_rate,
            cgst=cgst,
            sgst=sgst,
            igst=igst,
            amount=amount,
        )

        quote_line.additional_properties = d
        return quote_line

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
