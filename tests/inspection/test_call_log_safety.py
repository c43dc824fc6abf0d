"""The call log refuses operation names that do not exist, is bounded, and masks secrets."""

import pytest

from kv_mock import KvMockError, mock_kayvee


@pytest.mark.parametrize("typo, right", [
    ("get_parameter", "GetParameter"),
    ("getparameter", "GetParameter"),
    ("GetParamter", "GetParameter"),
    ("get-secret-value", "GetSecretValue"),
])
def test_an_operation_that_does_not_exist_names_the_right_spelling(kayvee, typo, right):
    for method in (kayvee.calls.count, kayvee.calls.filter):
        with pytest.raises(KvMockError) as error:
            method(typo)
        assert str(error.value) == (
            f"{typo!r} is not an operation of the mocked services (names are AWS's, as in the "
            f"call log: 'GetParameter', 'GetSecretValue'); did you mean {right!r}?"
        )


def test_a_name_like_nothing_known_has_no_suggestion(kayvee):
    with pytest.raises(KvMockError, match=r"^'Xyzzy' is not an operation .*'GetSecretValue'\)$"):
        kayvee.calls.count("Xyzzy")


def test_the_call_log_keeps_the_latest_calls_up_to_its_limit():
    import boto3

    with mock_kayvee(call_log_limit=3) as kv:
        ssm = boto3.client("ssm", region_name="us-east-1")
        for index in range(5):
            ssm.put_parameter(Name=f"/p{index}", Value="v", Type="String")
        assert len(kv.calls) == 3 and kv.calls.dropped == 2
        assert [call.parameters["Name"] for call in kv.calls] == ["/p2", "/p3", "/p4"]
        assert kv.calls[-1].parameters["Name"] == "/p4"
        assert [c.parameters["Name"] for c in kv.calls[:2]] == ["/p2", "/p3"]
        assert repr(kv.calls) == "CallLog(['PutParameter', 'PutParameter', 'PutParameter'], 2 older dropped)"


def test_the_default_limit_is_ten_thousand(kayvee):
    assert kayvee.calls.limit == 10_000


def test_a_call_s_repr_masks_what_the_model_marks_sensitive(kayvee, ssm_client, secretsmanager_client):
    ssm_client.put_parameter(Name="/db/password", Value="hunter2", Type="SecureString")
    secretsmanager_client.create_secret(Name="token", SecretString="s3cr3t-token")
    for call in kayvee.calls:
        for text in (repr(call), str(call)):
            assert "hunter2" not in text and "s3cr3t-token" not in text
    assert "'Name': '/db/password'" in repr(kayvee.calls[0])
    assert kayvee.calls[0].parameters["Value"] == "hunter2"  # the data itself is kept
