from enum import StrEnum


class SourceEnum(StrEnum):
    CGROUP = "cgroup"
    HOST = "host"

    def __str__(self) -> str:
        return str(self.value)
