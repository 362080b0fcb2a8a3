"""The JSON parser every non-upload route uses (DEFAULT_PARSER_CLASSES)."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    """DRF's JSONParser, answering 400 instead of 500 for JSON nested deeper than Python's
    recursion limit: the stdlib decoder raises RecursionError on `[[[[...]]]]` 100,000 deep,
    which is not a ValueError and so escapes DRF's own ParseError handling."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
