from enum import StrEnum


class BookingKindEnum(StrEnum):
    EVENT = "event"
    PROGRAM = "program"

    def __str__(self) -> str:
        return str(self.value)
