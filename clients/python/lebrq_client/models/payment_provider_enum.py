from enum import StrEnum


class PaymentProviderEnum(StrEnum):
    OFFLINE = "offline"
    RAZORPAY = "razorpay"

    def __str__(self) -> str:
        return str(self.value)
