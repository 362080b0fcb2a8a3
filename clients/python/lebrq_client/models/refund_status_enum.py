from enum import StrEnum


class RefundStatusEnum(StrEnum):
    FAILED = "failed"
    PENDING = "pending"
    PROCESSED = "processed"

    def __str__(self) -> str:
        return str(self.value)
