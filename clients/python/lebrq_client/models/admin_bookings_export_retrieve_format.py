from enum import StrEnum


class AdminBookingsExportRetrieveFormat(StrEnum):
    CSV = "csv"
    NDJSON = "ndjson"

    def __str__(self) -> str:
        return str(self.value)
