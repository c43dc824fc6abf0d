"""What is intercepted and what is not; no network, no credentials needed."""

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

from kv_mock import mock_kayvee

NO_RETRIES = Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=1)


def test_no_socket_is_opened_without_credentials_or_region(no_aws_environment):
    with mock_kayvee(region="eu-north-1"):
        ssm = boto3.client("ssm")
        secrets = boto3.Session().client("secretsmanager")
        ssm.put_parameter(Name="/n", Value="v", Type="String")
        secrets.create_secret(Name="s", SecretString="v")
        assert ssm.meta.region_name == "eu-north-1"
        assert secrets.get_secret_value(SecretId="s")["ARN"].startswith(
            "arn:aws:secretsmanager:eu-north-1:123456789012:secret:s-"
        )
    assert no_aws_environment == []


def test_client_created_before_start_is_intercepted():
    ssm = boto3.client("ssm", region_name="us-east-1")
    with mock_kayvee():
        ssm.put_parameter(Name="/early", Value="v", Type="String")
        assert ssm.get_parameter(Name="/early")["Parameter"]["Value"] == "v"


def test_without_a_mock_calls_go_to_the_endpoint():
    ssm = boto3.client(
        "ssm", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="a", aws_secret_access_key="b", config=NO_RETRIES,
    )
    with pytest.raises(botocore.exceptions.EndpointConnectionError):
        ssm.get_parameter(Name="/x")


def test_other_services_are_left_alone():
    with mock_kayvee():
        sts = boto3.client(
            "sts", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
            aws_access_key_id="a", aws_secret_access_key="b", config=NO_RETRIES,
        )
        with pytest.raises(botocore.exceptions.EndpointConnectionError):
            sts.get_caller_identity()


def test_explicit_region_wins_over_the_mock_default():
    with mock_kayvee(region="eu-west-1"):
        assert boto3.client("ssm", region_name="ap-southeast-2").meta.region_name == (
            "ap-southeast-2"
        )


def test_regions_and_accounts_are_separate_stores(kayvee):
    east = boto3.client("ssm", region_name="us-east-1")
    west = boto3.client("ssm", region_name="us-west-2")
    east.put_parameter(Name="/only-east", Value="v", Type="String")
    with pytest.raises(west.exceptions.ParameterNotFound):
        west.get_parameter(Name="/only-east")


def test_partition_follows_the_region(kayvee):
    china = boto3.client("ssm", region_name="cn-north-1")
    china.put_parameter(Name="/p", Value="v", Type="String")
    assert china.get_parameter(Name="/p")["Parameter"]["ARN"] == (
        "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/p"
    )


def test_an_operation_kv_mock_does_not_model_gets_a_clear_client_error(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as error:
        ssm_client.list_documents()
    assert error.value.response["Error"] == {
        "Code": "NotImplemented",
        "Message": "kv_mock does not implement SSM.ListDocuments",
    }
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_successful_responses_carry_response_metadata(ssm_client):
    metadata = ssm_client.put_parameter(Name="/r", Value="v", Type="String")["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RetryAttempts"] == 0
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    assert metadata["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"


def test_an_unexpected_handler_failure_becomes_the_service_internal_error(
    ssm_client, monkeypatch, replace_handler
):
    import kv_mock.dispatch

    def broken(context, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(kv_mock.dispatch, "RAISE_INTERNAL_ERRORS", False)
    replace_handler("ssm", "GetParameter", broken)
    with pytest.raises(ssm_client.exceptions.InternalServerError) as error:
        ssm_client.get_parameter(Name="/x")
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_a_recursive_input_shape_is_validated_without_recursing_forever(ssm_client):
    from kv_mock.validate import request_validator

    nested = {"Expression": "AWS:Application.Name", "Aggregators": [{"Expression": "a"}]}
    with pytest.raises(botocore.exceptions.ClientError) as error:
        ssm_client.get_inventory(Aggregators=[nested])
    assert error.value.response["Error"]["Code"] == "NotImplemented"
    # GetInventory is refused before validation, so validate its recursive shape directly
    model = ssm_client.meta.service_model.operation_model("GetInventory")
    request_validator(model)({"Aggregators": [nested]})


def test_the_http_response_an_after_call_handler_sees_is_a_whole_aws_response(ssm_client):
    """The mocked answer's ``AWSResponse`` builds its headers mapping lazily: it must still
    carry every attribute botocore's own has, and headers read case-insensitively."""
    from botocore.awsrequest import AWSResponse

    seen = []
    ssm_client.meta.events.register(
        "after-call.ssm.PutParameter", lambda http_response, **_: seen.append(http_response))
    answer = ssm_client.put_parameter(Name="/h", Value="v", Type="String")
    (http,) = seen
    assert isinstance(http, AWSResponse)
    assert http.status_code == 200
    assert http.headers["X-Amzn-RequestId"] == answer["ResponseMetadata"]["RequestId"]
    assert dict(http.headers) == answer["ResponseMetadata"]["HTTPHeaders"]
    botocores_own = AWSResponse("https://ssm.us-east-1.amazonaws.com/", 200, {}, None)
    missing = [name for name in vars(botocores_own) if not hasattr(http, name)]
    assert missing == []
    http.headers = {"X-Other": "1"}
    assert http.headers["x-other"] == "1"
