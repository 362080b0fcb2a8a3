"""GST identifiers: state codes, GSTIN checks and the seller's registrations read from the environment.

Pure functions with no models, so settings (at start), accounts (buyers) and bookings
(place of supply) can all use them without an import pointing the wrong way.
"""

from django.core.exceptions import ImproperlyConfigured
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.in_ import gstin as stdnum_gstin

# Codes from the GST state code list (the first two digits of a GSTIN).
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
# python-stdnum's list predates these codes; their GSTINs are checked with a listed code in place.
_CODES_STDNUM_LACKS = {"38", "97"}
_LUHN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def state_label(code):
    """'29 - Karnataka', or the bare code when it is not on the list."""
    name = STATE_NAMES.get(code)
    return f"{code} - {name}" if name else code


def gstin_problem(value):
    """Why `value` is not a valid GSTIN (format, state code, PAN or check digit), or None when it is.

    The check digit is python-stdnum's Luhn mod 36 over all 15 characters.
    """
    if not isinstance(value, str) or len(value) != 15 or value != value.strip().upper():
        return "Enter a valid 15-character GSTIN in capitals."
    if value[:2] not in STATE_NAMES:
        return f"A GSTIN begins with a GST state code; {value[:2]!r} is none."
    try:
        if value[:2] in _CODES_STDNUM_LACKS:
            _validate_with_unlisted_state(value)
        else:
            stdnum_gstin.validate(value)
    except InvalidChecksum:
        return "This GSTIN's check digit is wrong: check it for a typing error."
    except ValidationError:
        return "Enter a valid 15-character GSTIN."
    return None


def _validate_with_unlisted_state(value):
    try:
        stdnum_gstin.validate("29" + value[2:])  # format and PAN; another code changes the check digit
    except InvalidChecksum:
        pass
    luhn.validate(value, _LUHN_ALPHABET)


def parse_seller_gstins(raw, *, name="SELLER_GSTINS"):
    """{'29': '29AAB...', ...} from 'CODE=GSTIN,CODE=GSTIN'; ImproperlyConfigured on any bad entry.

    Each GSTIN must be valid (check digit included) and begin with its own key.
    """
    registrations = {}
    for entry in (part.strip() for part in raw.split(",")):
        if not entry:
            continue
        code, separator, gstin = (piece.strip() for piece in entry.partition("="))
        if not separator or code not in STATE_NAMES:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is not STATE_CODE=GSTIN with a GST state code (e.g. 29=...)."
            )
        problem = gstin_problem(gstin)
        if problem:
            raise ImproperlyConfigured(f"{name}: {code}={gstin}: {problem}")
        if gstin[:2] != code:
            raise ImproperlyConfigured(f"{name}: {code}={gstin}: the GSTIN's first two digits must be {code}.")
        if code in registrations:
            raise ImproperlyConfigured(f"{name}: state {code} is listed twice.")
        registrations[code] = gstin
    if not registrations:
        raise ImproperlyConfigured(f"{name} must list at least one registration (STATE_CODE=GSTIN).")
    return registrations
