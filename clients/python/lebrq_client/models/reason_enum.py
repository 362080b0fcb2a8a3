from enum import StrEnum


class ReasonEnum(StrEnum):
    BOOKED = "booked"
    BUFFER = "buffer"
    CLOSED = "closed"
    HELD = "held"

    def __str__(self) -> str:
        return str(self.value)
