"""Modeled error members reach the top of boto3's parsed error, as AWS's body puts them there.

Secrets Manager's error shapes model ``Message`` and AWS sends it (recorded body
``{"Message": "…", "__type": "InvalidRequestException"}``), so ``err.response["Message"]``
is there beside ``err.response["Error"]``. SSM's shapes model ``message`` (older errors) or
``Message`` (newer ones): each is sent under its own name, and an empty message not at all.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def _failure(call, **request) -> dict:
    with pytest.raises(ClientError) as raised:
        call(**request)
    return raised.value.response


NOT_FOUND = "Secrets Manager can't find the specified secret."


def test_secrets_manager_not_found_carries_message_at_the_top(secretsmanager_client):
    response = _failure(secretsmanager_client.get_secret_value, SecretId="missing")
    assert response["Error"] == {"Code": "ResourceNotFoundException", "Message": NOT_FOUND}
    assert response["Message"] == NOT_FOUND
    assert "message" not in response


def test_secrets_manager_exists_and_request_errors_carry_message(secretsmanager_client):
    secretsmanager_client.create_secret(Name="taken", SecretString="v")
    exists = _failure(secretsmanager_client.create_secret, Name="taken", SecretString="w")
    assert exists["Message"] == "The operation failed because the secret taken already exists."
    secretsmanager_client.delete_secret(SecretId="taken")
    scheduled = _failure(secretsmanager_client.get_secret_value, SecretId="taken")
    assert scheduled["Error"]["Code"] == "InvalidRequestException"
    assert scheduled["Message"] == scheduled["Error"]["Message"]


def test_ssm_lowercase_member_is_sent_as_message(ssm_client):
    ssm_client.put_parameter(Name="/p", Value="v", Type="String")
    response = _failure(ssm_client.put_parameter, Name="/p", Value="w", Type="String")
    assert response["Error"]["Code"] == "ParameterAlreadyExists"
    assert response["message"] == response["Error"]["Message"]
    assert "Message" not in response


def test_ssm_empty_message_is_not_sent(ssm_client):
    # Recorded: GetParameter's ParameterNotFound body is {"__type":"ParameterNotFound"}.
    response = _failure(ssm_client.get_parameter, Name="/missing")
    assert response["Error"] == {"Code": "ParameterNotFound", "Message": ""}
    assert "message" not in response and "Message" not in response


def test_ssm_capitalised_member_is_sent_as_Message(ssm_client):
    response = _failure(ssm_client.get_parameters_by_path, Path="/", NextToken="garbage")
    assert response["Error"]["Code"] in {"ValidationException", "InvalidNextToken"}
    assert response["Message"] == response["Error"]["Message"]
    assert "message" not in response
