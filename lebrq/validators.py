"""Validators shared by every app's input shapes (serializers, forms, models)."""

import unicodedata

from django.core.exceptions import ValidationError


def refuse_control_characters(value):
    """Refuse text holding a control character (Unicode category Cc: tab, CR, LF and DEL included).

    A newline in a title ends up in mail headers and calendar lines, where it makes the
    message fail for good. DRF serializer fields take this as it is: `validators=[refuse_control_characters]`.
    """
    for position, character in enumerate(value or ""):
        if unicodedata.category(character) == "Cc":
            raise ValidationError(
                f"Control characters are not allowed (found U+{ord(character):04X} at position {position + 1}).",
                code="control_characters",
            )
