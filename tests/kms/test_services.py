"""Key state seen through SSM and Secrets Manager, and the hint for keys that do not exist."""

from __future__ import annotations

import logging
import re

import pytest

from tests.kms.conftest import KEY_ARN_PREFIX

KMS_WRAPPED = re.compile(
    r"\(Service: AWSKMS; Status Code: 400; Error Code: (\w+); Request ID: [0-9a-f-]{36}"
    r"(; Proxy: null)?\)$"
)


@pytest.fixture(params=["disable", "schedule deletion"])
def unusable(request, kms, key):
    """The key ``alias/app`` made unusable one way or another: (KMS code, KMS message)."""
    def make_unusable():
        if request.param == "disable":
            kms.disable_key(KeyId=key["KeyId"])
            return "DisabledException", f"{key['Arn']} is disabled."
        kms.schedule_key_deletion(KeyId=key["KeyId"])
        return "KMSInvalidStateException", f"{key['Arn']} is pending deletion."
    return make_unusable


class TestParameterStore:
    def test_a_securestring_write_with_an_unusable_key_is_invalid_key_id(
        self, ssm_client, unusable, aws_error
    ):
        kms_code, kms_message = unusable()
        code, message, status = aws_error(
            ssm_client.put_parameter, Name="/s", Value="v", Type="SecureString", KeyId="alias/app"
        )
        assert (code, status) == ("InvalidKeyId", 400)
        assert message.startswith(kms_message + " (Service: AWSKMS;")
        assert KMS_WRAPPED.search(message).groups() == (kms_code, "; Proxy: null")

    def test_a_decrypting_read_with_an_unusable_key_is_invalid_key_id(
        self, ssm_client, unusable, aws_error
    ):
        ssm_client.put_parameter(Name="/s", Value="v", Type="SecureString", KeyId="alias/app")
        kms_code, kms_message = unusable()
        for call, request in (
            (ssm_client.get_parameter, {"Name": "/s"}),
            (ssm_client.get_parameters, {"Names": ["/s"]}),
            (ssm_client.get_parameters_by_path, {"Path": "/"}),
            (ssm_client.get_parameter_history, {"Name": "/s"}),
        ):
            code, message, _ = aws_error(call, WithDecryption=True, **request)
            assert (code, KMS_WRAPPED.search(message).group(1)) == ("InvalidKeyId", kms_code)
            assert message.startswith(kms_message)

    def test_a_read_without_decryption_needs_no_usable_key(self, ssm_client, unusable):
        ssm_client.put_parameter(Name="/s", Value="v", Type="SecureString", KeyId="alias/app")
        unusable()
        assert ssm_client.get_parameter(Name="/s")["Parameter"]["Value"] != "v"

    def test_plain_strings_ignore_key_state(self, ssm_client, kms, key):
        ssm_client.put_parameter(Name="/p", Value="v", Type="String", KeyId="alias/app")
        kms.disable_key(KeyId=key["KeyId"])
        assert ssm_client.get_parameter(Name="/p", WithDecryption=True)["Parameter"]["Value"] == "v"

    def test_re_enabling_the_key_makes_the_value_readable_again(self, ssm_client, kms, key):
        ssm_client.put_parameter(Name="/s", Value="v", Type="SecureString", KeyId="alias/app")
        kms.disable_key(KeyId=key["KeyId"])
        kms.enable_key(KeyId=key["KeyId"])
        assert ssm_client.get_parameter(Name="/s", WithDecryption=True)["Parameter"]["Value"] == "v"


class TestSecretsManager:
    def test_a_write_with_an_unusable_key_is_an_encryption_failure(
        self, secretsmanager_client, unusable, aws_error
    ):
        kms_code, kms_message = unusable()
        code, message, status = aws_error(
            secretsmanager_client.create_secret, Name="s", SecretString="v", KmsKeyId="alias/app"
        )
        assert (code, status) == ("EncryptionFailure", 400)
        assert message.startswith(f"Secrets Manager can't encrypt the secret value: {kms_message}")
        assert KMS_WRAPPED.search(message).groups() == (kms_code, None)

    def test_a_new_version_with_an_unusable_key_is_an_encryption_failure(
        self, secretsmanager_client, unusable, aws_error
    ):
        secretsmanager_client.create_secret(Name="s", SecretString="v", KmsKeyId="alias/app")
        unusable()
        for call, request in (
            (secretsmanager_client.put_secret_value, {"SecretString": "w"}),
            (secretsmanager_client.update_secret, {"SecretString": "w"}),
        ):
            assert aws_error(call, SecretId="s", **request)[0] == "EncryptionFailure"
        secretsmanager_client.update_secret(SecretId="s", Description="metadata only")

    def test_a_read_with_an_unusable_key_is_a_decryption_failure(
        self, secretsmanager_client, unusable, aws_error
    ):
        secretsmanager_client.create_secret(Name="s", SecretString="v", KmsKeyId="alias/app")
        unusable()
        assert aws_error(secretsmanager_client.get_secret_value, SecretId="s") == (
            "DecryptionFailure",
            "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
            400,
        )
        errors = secretsmanager_client.batch_get_secret_value(SecretIdList=["s"])["Errors"]
        assert [e["ErrorCode"] for e in errors] == ["DecryptionFailure"]

    def test_metadata_reads_need_no_usable_key(self, secretsmanager_client, unusable):
        secretsmanager_client.create_secret(Name="s", SecretString="v", KmsKeyId="alias/app")
        unusable()
        assert secretsmanager_client.describe_secret(SecretId="s")["KmsKeyId"] == "alias/app"


class TestMissingKeyHint:
    def test_a_missing_key_keeps_aws_message_and_logs_one_hint_per_key(
        self, ssm_client, secretsmanager_client, caplog, aws_error
    ):
        caplog.set_level(logging.WARNING, logger="kv_mock")
        for _ in range(3):
            code, message, _ = aws_error(ssm_client.put_parameter, Name="/s", Value="v",
                                         Type="SecureString", KeyId="alias/app-key")
            assert message.startswith(
                "Alias 'arn:aws:kms:us-east-1:123456789012:alias/app-key' does not exist ")
        hints = [r.getMessage() for r in caplog.records if r.name == "kv_mock"]
        assert len(hints) == 1
        assert "kv.create_kms_key('alias/app-key')" in hints[0]
        assert "boto3.client('kms').create_key()" in hints[0]
        missing_id = "0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e"
        for _ in range(2):
            aws_error(secretsmanager_client.create_secret, Name="s", SecretString="v",
                      KmsKeyId=missing_id)
        hints = [r.getMessage() for r in caplog.records if r.name == "kv_mock"]
        assert len(hints) == 2 and "kv.create_kms_key()" in hints[1]
        assert missing_id in hints[1]

    def test_reads_and_existing_keys_log_no_hint(self, ssm_client, kms, key, caplog):
        caplog.set_level(logging.WARNING, logger="kv_mock")
        ssm_client.put_parameter(Name="/s", Value="v", Type="SecureString", KeyId="alias/app")
        kms.disable_key(KeyId=key["KeyId"])
        with pytest.raises(ssm_client.exceptions.InvalidKeyId):
            ssm_client.get_parameter(Name="/s", WithDecryption=True)
        assert not [r for r in caplog.records if r.name == "kv_mock"]

    def test_unknown_key_id_message_names_the_key_arn(self, ssm_client, aws_error):
        message = aws_error(ssm_client.put_parameter, Name="/s", Value="v", Type="SecureString",
                            KeyId="0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e")[1]
        assert message.startswith(f"Key '{KEY_ARN_PREFIX}0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e'")
