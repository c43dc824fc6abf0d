"""Whatever valid parameters a preload document lists, the mock starts holding exactly them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock import mock_kayvee

segment = st.from_regex(r"[a-zA-Z0-9_.\-]{1,12}", fullmatch=True).filter(
    lambda s: not s.lower().startswith(("aws", "ssm"))
)
names = st.lists(segment, min_size=1, max_size=4).map(lambda parts: "/" + "/".join(parts))
values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}"),
    min_size=1, max_size=50,
)
types = st.sampled_from(["String", "SecureString"])


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(names, st.tuples(values, types), min_size=1, max_size=5))
def test_preloaded_parameters_are_held_with_their_values_and_types(parameters):
    document = {"parameters": [
        {"name": name, "value": value, "type": kind} for name, (value, kind) in parameters.items()
    ]}
    with mock_kayvee(preload=document) as kv:
        held = kv.dump(reveal=True)["123456789012"]["us-east-1"]["parameters"]
        assert {
            name: (p["versions"][1]["value"], p["versions"][1]["type"]) for name, p in held.items()
        } == parameters
