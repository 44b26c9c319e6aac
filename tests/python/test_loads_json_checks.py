"""loads_json skips its structure walk only where the walk cannot refuse: nesting and lone surrogates are still
refused however the text is given (the limit from OPENFISCA_LLO_MAX_JSON_DEPTH, 32 by default)."""

import json

import pytest

from openfisca_llo.inputs import InputError, loads_json
from openfisca_llo.limits import MAX_DEPTH, LimitExceeded


def nested(depth: int) -> str:
    return "[" * (depth - 1) + "{}" + "]" * (depth - 1)


def test_nesting_at_the_limit_passes_and_one_deeper_is_refused():
    limit = MAX_DEPTH.value()
    assert loads_json(nested(limit).encode()) is not None
    with pytest.raises(LimitExceeded):
        loads_json(nested(limit + 1).encode())
    with pytest.raises(LimitExceeded):
        loads_json(nested(limit + 1))  # text, not bytes


def test_lone_surrogates_are_refused_as_escape_and_in_text():
    with pytest.raises(InputError, match="surrogaat"):
        loads_json(b'{"personen": {"\\ud800": {}}}')
    with pytest.raises(InputError, match="surrogaat"):
        loads_json('{"personen": {"\ud800": {}}}')
    assert loads_json(b'{"a": "\\u00e9"}') == {"a": "é"}  # an escape that is no surrogate is fine


def test_an_ordinary_body_reads_as_json_reads_it():
    text = '{"personen": {"anna": {"geboortedatum": {"ETERNITY": "1985-06-01"}, "stap_budget": {"2023-05-15": null}}}}'
    assert loads_json(text.encode()) == json.loads(text)
