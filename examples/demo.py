"""kv_mock end to end: an app's configuration in Parameter Store and Secrets Manager.

No AWS account, credentials or network: every call below is answered in-process by kv_mock,
with the responses and errors AWS itself would give. Run: python examples/demo.py
"""

import json

import boto3

from kv_mock import mock_kayvee


def main() -> None:
    with mock_kayvee(region="eu-west-1", seed=7) as kv:
        ssm = boto3.client("ssm")
        secrets = boto3.client("secretsmanager")

        print("== Parameter Store ==")
        ssm.put_parameter(Name="/shop/db/host", Value="db.internal", Type="String")
        put = ssm.put_parameter(Name="/shop/db/password", Value="hunter2", Type="SecureString")
        print(f"put /shop/db/password -> version {put['Version']}, tier {put['Tier']}")
        again = ssm.put_parameter(
            Name="/shop/db/password", Value="correct horse", Type="SecureString", Overwrite=True
        )
        print(f"overwrite -> version {again['Version']}")
        hidden = ssm.get_parameter(Name="/shop/db/password")["Parameter"]["Value"]
        print(f"SecureString without decryption: {hidden[:24]}... (KMS ciphertext, not the value)")
        first = ssm.get_parameter(Name="/shop/db/password:1", WithDecryption=True)["Parameter"]
        print(f"selector {first['Selector']}: {first['Value']}")
        found = ssm.get_parameters(Names=["/shop/db/password", "/shop/db/host", "/shop/nope"])
        print("get_parameters (alphabetical):", [p["Name"] for p in found["Parameters"]],
              "invalid:", found["InvalidParameters"])
        try:
            ssm.put_parameter(Name="/shop/db/host", Value="x", Type="String")
        except ssm.exceptions.ParameterAlreadyExists as error:
            print("ParameterAlreadyExists:", error.response["Error"]["Message"])

        print("\n== Secrets Manager ==")
        created = secrets.create_secret(
            Name="shop/api-key", SecretString=json.dumps({"key": "abc123"})
        )
        print("created", created["ARN"])
        secrets.put_secret_value(SecretId="shop/api-key", SecretString=json.dumps({"key": "def456"}))
        current = secrets.get_secret_value(SecretId=created["ARN"])
        previous = secrets.get_secret_value(SecretId="shop/api-key", VersionStage="AWSPREVIOUS")
        print("AWSCURRENT:", current["SecretString"], "| AWSPREVIOUS:", previous["SecretString"])
        try:
            secrets.get_secret_value(SecretId="shop/missing")
        except secrets.exceptions.ResourceNotFoundException as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            print(f"ResourceNotFoundException ({status}):", error.response["Error"]["Message"])

        print(f"\n{len(kv.calls)} calls answered in-process, none sent to AWS.")


if __name__ == "__main__":
    main()
