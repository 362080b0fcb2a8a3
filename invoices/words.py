"""Amounts in words for INR, in the Indian system (thousand, lakh, crore)."""

from decimal import Decimal

_ONES = (
    "Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen "
    "Fifteen Sixteen Seventeen Eighteen Nineteen"
).split()
_TENS = "_ _ Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety".split()
# Largest first: 1 crore = 100 lakh, 1 lakh = 100 thousand.
_SCALES = ((10**7, "Crore"), (10**5, "Lakh"), (1000, "Thousand"), (100, "Hundred"))


def _below_hundred(number):
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")


def integer_in_words(number):
    if number < 100:
        return _below_hundred(number)
    for scale, name in _SCALES:
        if number >= scale:
            head, rest = divmod(number, scale)
            words = f"{integer_in_words(head)} {name}"
            return words + (f" {integer_in_words(rest)}" if rest else "")
    raise AssertionError("unreachable")


def rupees_in_words(amount):
    """Decimal('120050.50') -> 'Rupees One Lakh Twenty Thousand Fifty and Fifty Paise Only'.

    The sign is dropped: a credit note prints its (negative) total as the amount credited.
    """
    paise_total = int((abs(Decimal(amount)) * 100).to_integral_value())
    rupees, paise = divmod(paise_total, 100)
    words = f"Rupees {integer_in_words(rupees)}"
    if paise:
        words += f" and {integer_in_words(paise)} Paise"
    return words + " Only"
