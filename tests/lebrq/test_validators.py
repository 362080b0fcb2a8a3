"""The control-character rule the API enforces is the one its schema publishes."""

import re
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from lebrq.validators import refuse_control_characters


def test_the_published_pattern_matches_exactly_unicode_category_cc():
    pattern = re.compile(refuse_control_characters.regex.pattern)
    disagreements = [
        hex(code)
        for code in range(0x110000)
        if (unicodedata.category(chr(code)) == "Cc") == bool(pattern.match(chr(code)))
    ]

    assert disagreements == []


@pytest.mark.parametrize("text", ["Sangeet\nnight", "tab\there", "del\x7f", "next line\x85"])
def test_control_characters_are_refused_with_their_position(text):
    with pytest.raises(ValidationError, match=r"Control characters are not allowed \(found U\+"):
        refuse_control_characters(text)


def test_text_in_any_script_passes():
    refuse_control_characters("Ānanya & Rohan's sangeet — ಅನನ್ಯ 🎉")
