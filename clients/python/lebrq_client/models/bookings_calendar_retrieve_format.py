from enum import StrEnum


class BookingsCalendarRetrieveFormat(StrEnum):
    ICS = "ics"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
