from enum import StrEnum


class RefundProviderEnum(StrEnum):
    OFFLINE = "offline"
    RAZORPAY = "razorpay"

    def __str__(self) -> str:
        return str(self.value)
