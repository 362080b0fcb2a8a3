"""Validators shared by every app's input shapes (serializers, forms, models)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible


@deconstructible
class ControlCharacterValidator(RegexValidator):
    """Refuse text holding a control character (Unicode category Cc: tab, CR, LF and DEL included).

    A newline in a title ends up in mail headers and calendar lines, where it makes the message
    fail for good. It is a RegexValidator so that the OpenAPI schema carries the same rule as a
    `pattern` (the range is exactly category Cc), and the fuzzer generates text the API accepts.
    """

    # "+", not "*": drf-spectacular publishes a blank-allowed field as oneOf(pattern, maxLength 0),
    # which "" must match only once. The empty string itself is never refused (see __call__).
    regex = r"^[^\x00-\x1f\x7f-\x9f]+\Z"
    code = "control_characters"

    def __call__(self, value):
        for position, character in enumerate(value or ""):
            if unicodedata.category(character) == "Cc":
                raise ValidationError(
                    f"Control characters are not allowed (found U+{ord(character):04X} at position {position + 1}).",
                    code=self.code,
                )


refuse_control_characters = ControlCharacterValidator()
