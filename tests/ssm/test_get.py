"""GetParameter / GetParameters: selectors, ARNs, SecureString handling, ordering."""

import boto3
import pytest

from kv_mock.services.ssm.names import BAD_SELECTOR_MESSAGE


@pytest.fixture
def versions(put):
    """``/app`` with versions 1 ("one") and 2 ("two")."""
    put("/app", "one")
    put("/app", "two", Overwrite=True)


def test_get_parameter_shape(put, ssm_client):
    put("/app/db", "x")
    parameter = ssm_client.get_parameter(Name="/app/db")["Parameter"]
    assert {k: v for k, v in parameter.items() if k != "LastModifiedDate"} == {
        "Name": "/app/db", "Type": "String", "Value": "x", "Version": 1,
        "ARN": "arn:aws:ssm:us-east-1:123456789012:parameter/app/db", "DataType": "text",
    }
    assert parameter["LastModifiedDate"].tzinfo is not None


def test_missing_parameter_is_not_found_without_a_message(ssm_client, aws_error):
    assert aws_error(ssm_client.get_parameter, Name="/nope") == ("ParameterNotFound", "", 400)


class TestSelectors:
    def test_version_selector(self, versions, ssm_client):
        parameter = ssm_client.get_parameter(Name="/app:1")["Parameter"]
        assert (parameter["Name"], parameter["Value"], parameter["Selector"]) == (
            "/app", "one", ":1"
        )

    def test_label_selector(self, versions, ssm_client):
        ssm_client.label_parameter_version(Name="/app", ParameterVersion=1, Labels=["stable"])
        parameter = ssm_client.get_parameter(Name="/app:stable")["Parameter"]
        assert (parameter["Value"], parameter["Selector"]) == ("one", ":stable")

    def test_no_selector_no_selector_member(self, versions, ssm_client):
        assert "Selector" not in ssm_client.get_parameter(Name="/app")["Parameter"]

    @pytest.mark.parametrize("selector", ["9", "nolabel", "\u00b2"])  # a non-ASCII digit is a label
    def test_unknown_version_or_label(self, versions, ssm_client, aws_error, selector):
        assert aws_error(ssm_client.get_parameter, Name=f"/app:{selector}") == (
            "ParameterVersionNotFound",
            f"Systems Manager could not find version {selector} of /app. "
            "Verify the version and try again.",
            400,
        )

    @pytest.mark.parametrize("name", ["/app:1:2", "/app:"])
    def test_malformed_selector(self, versions, ssm_client, aws_error, name):
        assert aws_error(ssm_client.get_parameter, Name=name) == (
            "ValidationException", BAD_SELECTOR_MESSAGE.format(name="/app"), 400
        )


class TestArns:
    @pytest.mark.parametrize(
        "region, partition",
        [("us-east-1", "aws"), ("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")],
    )
    def test_lookup_by_arn_in_the_region_partition(self, kayvee, region, partition):
        client = boto3.client("ssm", region_name=region)
        client.put_parameter(Name="/a/b", Value="v", Type="String")
        arn = f"arn:{partition}:ssm:{region}:123456789012:parameter/a/b"
        parameter = client.get_parameter(Name=arn)["Parameter"]
        assert (parameter["Name"], parameter["ARN"]) == ("/a/b", arn)

    def test_arn_with_version_selector(self, versions, ssm_client):
        arn = "arn:aws:ssm:us-east-1:123456789012:parameter/app:1"
        parameter = ssm_client.get_parameter(Name=arn)["Parameter"]
        assert (parameter["Value"], parameter["ARN"], parameter["Selector"]) == (
            "one", "arn:aws:ssm:us-east-1:123456789012:parameter/app", ":1"
        )

    def test_arn_of_plain_name_has_one_slash(self, put, ssm_client):
        put("plain")
        arn = ssm_client.get_parameter(Name="plain")["Parameter"]["ARN"]
        assert arn == "arn:aws:ssm:us-east-1:123456789012:parameter/plain"
        assert ssm_client.get_parameter(Name=arn)["Parameter"]["Name"] == "plain"


class TestDecryption:
    def test_securestring_without_decryption_is_opaque_ciphertext(self, put, ssm_client):
        put("/s", "hunter2", Type="SecureString")
        value = ssm_client.get_parameter(Name="/s")["Parameter"]["Value"]
        assert value != "hunter2" and "hunter2" not in value

    def test_securestring_with_decryption_is_the_plaintext(self, put, ssm_client):
        put("/s", "hunter2", Type="SecureString")
        parameter = ssm_client.get_parameter(Name="/s", WithDecryption=True)["Parameter"]
        assert parameter["Value"] == "hunter2"

    @pytest.mark.parametrize("kind", ["String", "StringList"])
    def test_decryption_is_a_no_op_for_plain_types(self, put, ssm_client, kind):
        put("/p", "a,b", Type=kind)
        parameter = ssm_client.get_parameter(Name="/p", WithDecryption=True)["Parameter"]
        assert parameter["Value"] == "a,b"


class TestGetParameters:
    def test_results_are_alphabetical_and_unknown_names_are_invalid(self, put, ssm_client):
        for name in ("/c", "/a", "/b"):
            put(name)
        response = ssm_client.get_parameters(Names=["/c", "/missing", "/a", "/b", "bad name!"])
        assert [p["Name"] for p in response["Parameters"]] == ["/a", "/b", "/c"]
        assert response["InvalidParameters"] == ["/missing", "bad name!"]

    def test_selectors_are_answered_per_name(self, versions, ssm_client):
        response = ssm_client.get_parameters(Names=["/app:2", "/app:1", "/app:7"])
        assert [(p["Value"], p["Selector"]) for p in response["Parameters"]] == [
            ("one", ":1"), ("two", ":2")
        ]
        assert response["InvalidParameters"] == ["/app:7"]

    def test_more_than_ten_names(self, ssm_client, aws_error):
        names = [f"/n{i}" for i in range(11)]
        assert aws_error(ssm_client.get_parameters, Names=names) == (
            "ValidationException",
            f"1 validation error detected: Value '[{', '.join(names)}]' at 'names' failed to "
            "satisfy constraint: Member must have length less than or equal to 10",
            400,
        )


@pytest.mark.parametrize("created, asked", [("param-x", "/param-x"), ("/param-x", "param-x")])
def test_get_parameter_echoes_the_requested_spelling_of_a_single_level_name(
    ssm_client, created, asked
):
    # Recorded AWS response (issue #10): put "param-x", get "/param-x" → Name "/param-x".
    ssm_client.put_parameter(Name=created, Value="v", Type="String")
    parameter = ssm_client.get_parameter(Name=f" {asked}:1 ")["Parameter"]
    assert (parameter["Name"], parameter["Selector"]) == (asked, ":1")
    assert parameter["ARN"] == "arn:aws:ssm:us-east-1:123456789012:parameter/param-x"
    batch = ssm_client.get_parameters(Names=[asked])["Parameters"]
    assert [p["Name"] for p in batch] == [asked]


def test_listings_and_history_answer_the_stored_name(ssm_client):
    ssm_client.put_parameter(Name="param-x", Value="v", Type="String")
    history = ssm_client.get_parameter_history(Name="/param-x")["Parameters"]
    assert [entry["Name"] for entry in history] == ["param-x"]
    listed = ssm_client.describe_parameters(
        ParameterFilters=[{"Key": "Name", "Values": ["/param-x"]}]
    )["Parameters"]
    assert [p["Name"] for p in listed] == ["param-x"]
