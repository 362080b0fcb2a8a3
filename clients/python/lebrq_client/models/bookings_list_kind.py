from enum import StrEnum


class BookingsListKind(StrEnum):
    EVENT = "event"
    PROGRAM = "program"

    def __str__(self) -> str:
        return str(self.value)
