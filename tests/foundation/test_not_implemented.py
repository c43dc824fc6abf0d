"""An operation kv_mock does not model is refused before its model is used (issue 9, 10).

SSM's CreateCloudConnector models its names with Java-only regular expressions
(``\\p{L}``, ``[\\w-\\/…]``) that Python's ``re`` cannot compile; validating the request
first answered HTTP 500. The operation is not modeled, so the answer is NotImplemented.
"""

from __future__ import annotations

import boto3
import botocore.exceptions
import botocore.session
import pytest

from kv_mock import shapes, validate
from kv_mock.services import find_operation
from tests.newest_models import needs_operation


@needs_operation("ssm", "CreateCloudConnector")
def test_an_unmodeled_operation_with_java_only_patterns_is_not_implemented(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as error:
        ssm_client.create_cloud_connector(
            DisplayName="Connector ü",
            RoleArn="arn:aws:iam::123456789012:role/connector",
            Configuration={"AzureConfiguration": {
                "TenantId": "t", "TenantDisplayName": "Tenant", "ApplicationId": "a",
                "ApplicationDisplayName": "App"}},
            ConfigConnectorArn="arn:aws:config:us-east-1:123456789012:connector/c",
        )

    assert error.value.response["Error"] == {
        "Code": "NotImplemented",
        "Message": "kv_mock does not implement SSM.CreateCloudConnector",
    }
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501


@needs_operation("ssm", "CreateCloudConnector")
def test_an_unmodeled_operation_is_not_implemented_even_when_its_request_is_invalid(kayvee):
    client = boto3.client("ssm", region_name="us-east-1",
                          config=botocore.config.Config(parameter_validation=False))
    with pytest.raises(botocore.exceptions.ClientError) as error:
        client.create_cloud_connector(DisplayName="")
    assert error.value.response["Error"]["Code"] == "NotImplemented"


@pytest.mark.parametrize("service", ["ssm", "secretsmanager"])
def test_every_modeled_operation_compiles_its_input_and_output_checks(service):
    """What kv_mock models must compile: a Java-only pattern there would answer 500."""
    model = botocore.session.get_session().get_service_model(service)
    modeled = [name for name in model.operation_names if find_operation(service, name)]
    assert modeled
    for name in modeled:
        operation = model.operation_model(name)
        if operation.input_shape is not None:
            validate.compile_shape(operation.input_shape, service)
        if operation.output_shape is not None:
            shapes._compile(operation.output_shape, service)
