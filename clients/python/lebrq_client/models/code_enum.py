from enum import StrEnum


class CodeEnum(StrEnum):
    CLOSURE_CONFLICT = "closure_conflict"

    def __str__(self) -> str:
        return str(self.value)
