"""Property tests of the name rules over generated names."""

from hypothesis import HealthCheck, given, settings, strategies as st

from kv_mock.services.ssm.names import INVALID_NAME_MESSAGE
from tests.aws_errors import error_of_call as error_of

SEGMENT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
    min_size=1, max_size=12,
).filter(lambda s: not s.lower().startswith(("aws", "ssm")))
NAME = (
    st.lists(SEGMENT, min_size=1, max_size=15)
    .filter(lambda parts: len("".join(parts)) > 1)
    .map(lambda parts: "/" + "/".join(parts))
)
BAD_CHARACTER = st.sampled_from(list("@#$%^&*()+=[]{}|\\;'\",<>?!~` é"))


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAME, value=st.text(min_size=1, max_size=20).filter(lambda v: "{{" not in v))
def test_valid_names_round_trip(kayvee, ssm_client, name, value):
    ssm_client.put_parameter(Name=name, Value=value, Type="String", Overwrite=True)
    assert ssm_client.get_parameter(Name=name)["Parameter"]["Value"] == value


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAME, bad=BAD_CHARACTER, at=st.integers(min_value=1))
def test_a_character_outside_the_alphabet_is_refused(kayvee, ssm_client, name, bad, at):
    position = 1 + at % (len(name) - 1)  # strictly inside: never a trimmed end
    broken = name[:position] + bad + name[position:]
    code, message, _ = error_of(ssm_client.put_parameter, Name=broken, Value="v", Type="String")
    assert (code, message) == ("ValidationException", INVALID_NAME_MESSAGE)
