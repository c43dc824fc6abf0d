"""A scripted kv_mock session whose every response, serialised to JSON, is the golden output.

Run in-process (``run_session(seed)``) or as a script (``python session.py SEED``, which
prints the JSON) so a test can compare runs across processes and ``PYTHONHASHSEED`` values.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import sys
from typing import Any, Callable, Optional

import boto3
from botocore.exceptions import ClientError

from kv_mock import rotators
from kv_mock import mock_kayvee

START = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone.utc)
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate"


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot serialise {value!r}")


def _parameter_calls(ssm: Any, kms_key_id: str) -> list[tuple[str, Callable[[], dict]]]:
    return [
        ("put host", lambda: ssm.put_parameter(
            Name="/app/config/host", Value="db.internal", Type="String")),
        ("put password", lambda: ssm.put_parameter(
            Name="/app/config/password", Value="hunter2", Type="SecureString")),
        ("put api key (customer key)", lambda: ssm.put_parameter(
            Name="/app/config/api-key", Value="k-123", Type="SecureString", KeyId=kms_key_id)),
        ("overwrite password", lambda: ssm.put_parameter(
            Name="/app/config/password", Value="hunter3", Overwrite=True)),
        ("label", lambda: ssm.label_parameter_version(
            Name="/app/config/password", ParameterVersion=1, Labels=["old"])),
        ("get ciphertext", lambda: ssm.get_parameter(Name="/app/config/password")),
        ("get decrypted", lambda: ssm.get_parameter(
            Name="/app/config/password:old", WithDecryption=True)),
        ("get several", lambda: ssm.get_parameters(
            Names=["/app/config/host", "/app/config/api-key", "/missing"])),
        ("by path", lambda: ssm.get_parameters_by_path(Path="/app", Recursive=True)),
        ("describe", lambda: ssm.describe_parameters()),
        ("describe a page", lambda: ssm.describe_parameters(MaxResults=1)),
        ("history", lambda: ssm.get_parameter_history(Name="/app/config/password")),
        ("missing", lambda: ssm.get_parameter(Name="/app/nothing")),
    ]


def _secret_calls(secrets: Any) -> list[tuple[str, Callable[[], dict]]]:
    return [
        ("create", lambda: secrets.create_secret(
            Name="app/db", SecretString='{"user": "app", "password": "s3cr3t"}')),
        ("create binary", lambda: secrets.create_secret(Name="app/key", SecretBinary=b"\x00\x01")),
        ("put value", lambda: secrets.put_secret_value(
            SecretId="app/db", SecretString='{"user": "app", "password": "n3w"}')),
        ("get value", lambda: secrets.get_secret_value(SecretId="app/db")),
        ("describe", lambda: secrets.describe_secret(SecretId="app/db")),
        ("password", lambda: secrets.get_random_password()),
        ("password options", lambda: secrets.get_random_password(
            PasswordLength=12, ExcludePunctuation=True, IncludeSpace=True,
            ExcludeCharacters="aeiou")),
        ("rotate", lambda: secrets.rotate_secret(
            SecretId="app/db", RotationLambdaARN=LAMBDA_ARN,
            RotationRules={"AutomaticallyAfterDays": 30})),
        ("rotated value", lambda: secrets.get_secret_value(SecretId="app/db")),
        ("versions", lambda: secrets.list_secret_version_ids(SecretId="app/db")),
        ("list", lambda: secrets.list_secrets()),
        ("list a page", lambda: secrets.list_secrets(MaxResults=1)),
        ("batch", lambda: secrets.batch_get_secret_value(SecretIdList=["app/db", "app/key"])),
        ("delete", lambda: secrets.delete_secret(SecretId="app/key", RecoveryWindowInDays=7)),
        ("deleted", lambda: secrets.get_secret_value(SecretId="app/key")),
    ]


def run_session(seed: Optional[int]) -> str:
    """Every response (errors included) of the scripted session, as JSON text."""
    responses = []
    with mock_kayvee(seed=seed) as kv:
        kv.clock.freeze(START)
        kv.rotation_function(LAMBDA_ARN, rotators.random_value)
        kms_key_id = kv.backend().kms.create_key(alias="alias/app").key_id
        ssm = boto3.client("ssm")
        secrets = boto3.client("secretsmanager")
        for label, call in _parameter_calls(ssm, kms_key_id) + _secret_calls(secrets):
            kv.clock.advance(seconds=1.5)
            try:
                response = call()
            except ClientError as error:
                response = error.response
            responses.append({"call": label, "response": response})
        responses.append({"call": "kms key id", "response": kms_key_id})
    return json.dumps(responses, default=_json_default, indent=1)


if __name__ == "__main__":
    sys.stdout.write(run_session(int(sys.argv[1]) if sys.argv[1:] else None))
