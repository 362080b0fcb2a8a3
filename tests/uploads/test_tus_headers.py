"""The tus header parsers, against what any client may send."""

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uploads.exceptions import InvalidUpload
from uploads.tus import parse_checksum, parse_number, parse_upload_metadata

keys = st.text(st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters=","), min_size=1, max_size=20)


@given(st.dictionaries(keys, st.text(max_size=50), max_size=6))
def test_metadata_any_client_encodes_is_read_back_exactly(pairs):
    header = ",".join(f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in pairs.items())

    assert parse_upload_metadata(header) == pairs


@given(st.text(max_size=80))
def test_any_metadata_header_is_parsed_or_refused_with_400(header):
    try:
        assert isinstance(parse_upload_metadata(header), dict)
    except InvalidUpload as error:
        assert error.status_code == 400


def test_a_key_without_a_value_is_an_empty_string():
    assert parse_upload_metadata("is_confidential,kind dmlkZW8=") == {"is_confidential": "", "kind": "video"}


@given(st.text(max_size=60))
def test_any_checksum_header_is_a_sha1_digest_or_400(header):
    try:
        assert len(parse_checksum(header)) == 20
    except InvalidUpload as error:
        assert error.status_code == 400


@pytest.mark.parametrize("value", [None, "", "-1", "1.5", " 12a", "1" * 20])
def test_offsets_and_lengths_are_plain_non_negative_integers(value):
    with pytest.raises(InvalidUpload):
        parse_number(value, "Upload-Offset")
