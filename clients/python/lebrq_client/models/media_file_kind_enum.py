from enum import StrEnum


class MediaFileKindEnum(StrEnum):
    AUDIO = "audio"
    IMAGE = "image"
    POSTER = "poster"
    PROGRAM_IMAGE = "program_image"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
