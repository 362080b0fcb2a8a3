from enum import StrEnum


class PaymentMethodEnum(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    CARD_TERMINAL = "card_terminal"
    CASH = "cash"
    CHEQUE = "cheque"
    RAZORPAY = "razorpay"
    UPI = "upi"

    def __str__(self) -> str:
        return str(self.value)
