"""Ready-made rotation functions for tests that only need a rotation to happen.

Register one for a Lambda ARN and rotate::

    kv.rotation_function(LAMBDA_ARN, kv_mock.rotators.random_value)
    client.rotate_secret(SecretId="db", RotationLambdaARN=LAMBDA_ARN,
                         RotationRules={"AutomaticallyAfterDays": 30})

They follow AWS's rotation-function template (aws-samples/aws-secrets-manager-rotation-lambdas,
SecretsManagerRotationTemplate): every call goes through boto3 to the mock, so the
rotation leaves the same versions, stages and call log as a real one.
"""

from __future__ import annotations

import json
from typing import Any

import boto3

AWSCURRENT = "AWSCURRENT"
AWSPENDING = "AWSPENDING"


def random_value(event: dict, context: Any) -> None:
    """Rotate to a new value from GetRandomPassword (its defaults: 32 characters).

    A SecretString holding a JSON object with a ``"password"`` key keeps its other keys
    and gets a new password; any other value is replaced whole.
    """
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    client = boto3.client("secretsmanager", region_name=arn.split(":")[3])
    stages = client.describe_secret(SecretId=arn)["VersionIdsToStages"].get(token)
    if stages is None or AWSCURRENT in stages:
        return  # not this rotation's version, or already finished
    if step == "createSecret":
        _create_secret(client, arn, token)
    elif step == "finishSecret":
        _finish_secret(client, arn, token)


def _create_secret(client: Any, arn: str, token: str) -> None:
    """Put the new value on the AWSPENDING version, unless a retry already did."""
    try:
        client.get_secret_value(SecretId=arn, VersionId=token, VersionStage=AWSPENDING)
        return
    except client.exceptions.ResourceNotFoundException:
        pass
    password = client.get_random_password()["RandomPassword"]
    try:
        current = client.get_secret_value(SecretId=arn, VersionStage=AWSCURRENT)
    except client.exceptions.ResourceNotFoundException:
        current = {}  # a secret created without a value gets its first one
    client.put_secret_value(
        SecretId=arn, ClientRequestToken=token, SecretString=_new_value(current, password),
        VersionStages=[AWSPENDING],
    )


def _new_value(current: dict, password: str) -> str:
    try:
        document = json.loads(current.get("SecretString", ""))
    except ValueError:
        return password
    if isinstance(document, dict) and "password" in document:
        return json.dumps({**document, "password": password})
    return password


def _finish_secret(client: Any, arn: str, token: str) -> None:
    """Move AWSCURRENT to the new version (the old one becomes AWSPREVIOUS)."""
    versions = client.describe_secret(SecretId=arn)["VersionIdsToStages"]
    current = [version for version, labels in versions.items() if AWSCURRENT in labels]
    client.update_secret_version_stage(
        SecretId=arn, VersionStage=AWSCURRENT, MoveToVersionId=token,
        **({"RemoveFromVersionId": current[0]} if current else {}),
    )
