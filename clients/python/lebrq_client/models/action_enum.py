from enum import StrEnum


class ActionEnum(StrEnum):
    APPROVED = "approved"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    CREATED = "created"
    EXPIRED = "expired"
    PAYMENT_RECEIVED = "payment_received"
    REFUND_PROCESSED = "refund_processed"
    REJECTED = "rejected"
    RESCHEDULED = "rescheduled"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
