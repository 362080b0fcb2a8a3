from enum import StrEnum


class CalendarsFeedRetrieveFormat(StrEnum):
    ICS = "ics"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
