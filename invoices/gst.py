"""GST rules for invoices: which taxes apply, how a line's tax splits, and state names."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bookings.pricing import PAISA

# Codes from the GST state code list (first two digits of a GSTIN).
STATE_NAMES = {
    "01": "Jammu and Kashmir",
    "02": "Himachal Pradesh",
    "03": "Punjab",
    "04": "Chandigarh",
    "05": "Uttarakhand",
    "06": "Haryana",
    "07": "Delhi",
    "08": "Rajasthan",
    "09": "Uttar Pradesh",
    "10": "Bihar",
    "11": "Sikkim",
    "12": "Arunachal Pradesh",
    "13": "Nagaland",
    "14": "Manipur",
    "15": "Mizoram",
    "16": "Tripura",
    "17": "Meghalaya",
    "18": "Assam",
    "19": "West Bengal",
    "20": "Jharkhand",
    "21": "Odisha",
    "22": "Chhattisgarh",
    "23": "Madhya Pradesh",
    "24": "Gujarat",
    "26": "Dadra and Nagar Haveli and Daman and Diu",
    "27": "Maharashtra",
    "29": "Karnataka",
    "30": "Goa",
    "31": "Lakshadweep",
    "32": "Kerala",
    "33": "Tamil Nadu",
    "34": "Puducherry",
    "35": "Andaman and Nicobar Islands",
    "36": "Telangana",
    "37": "Andhra Pradesh",
    "38": "Ladakh",
    "97": "Other Territory",
}


def state_label(code):
    """'29 - Karnataka', or the bare code when it is not on the list."""
    name = STATE_NAMES.get(code)
    return f"{code} - {name}" if name else code


def is_intra_state(buyer_state_code, seller_state_code):
    return buyer_state_code == seller_state_code


@dataclass(frozen=True)
class TaxSplit:
    cgst: Decimal
    sgst: Decimal
    igst: Decimal


ZERO = Decimal("0.00")


def split_tax(tax, intra_state):
    """CGST+SGST halves within a state, IGST across states.

    The CGST half is rounded half up and SGST takes the remainder, so the two always add up
    to the line's tax to the paisa (a tax of 0.05 becomes 0.03 + 0.02).
    """
    if not intra_state:
        return TaxSplit(cgst=ZERO, sgst=ZERO, igst=tax)
    cgst = (tax / 2).quantize(PAISA, rounding=ROUND_HALF_UP)
    return TaxSplit(cgst=cgst, sgst=tax - cgst, igst=ZERO)
