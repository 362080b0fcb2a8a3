import unicodedata

from django.core.exceptions import ValidationError


def refuse_control_characters(value):
    """Tabs, line breaks, DEL and the other Unicode Cc characters break mail headers and log lines."""
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise ValidationError("Control characters (such as tabs and line breaks) are not allowed.")
