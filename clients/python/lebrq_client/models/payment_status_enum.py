from enum import StrEnum


class PaymentStatusEnum(StrEnum):
    CAPTURED = "captured"
    CREATED = "created"
    FAILED = "failed"

    def __str__(self) -> str:
        return str(self.value)
