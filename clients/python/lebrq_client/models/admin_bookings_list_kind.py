from enum import StrEnum


class AdminBookingsListKind(StrEnum):
    EVENT = "event"
    PROGRAM = "program"

    def __str__(self) -> str:
        return str(self.value)
