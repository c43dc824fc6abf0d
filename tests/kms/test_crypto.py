"""Encrypt, Decrypt, GenerateDataKey through a real boto3 KMS client."""

from __future__ import annotations

import base64

import boto3
import pytest
from botocore.config import Config
from hypothesis import given, settings, strategies as st

from kv_mock import mock_kayvee
from tests.newest_models import needs_member

CONTEXT = {"purpose": "test", "tenant": "a"}


def test_encrypt_and_decrypt_round_trip_without_a_key_id(kms, key):
    encrypted = kms.encrypt(KeyId="alias/app", Plaintext=b"secret", EncryptionContext=CONTEXT)
    assert (encrypted["KeyId"], encrypted["EncryptionAlgorithm"]) == (
        key["Arn"], "SYMMETRIC_DEFAULT")
    assert b"secret" not in encrypted["CiphertextBlob"]
    decrypted = kms.decrypt(CiphertextBlob=encrypted["CiphertextBlob"], EncryptionContext=CONTEXT)
    assert (decrypted["Plaintext"], decrypted["KeyId"]) == (b"secret", key["Arn"])


@pytest.mark.parametrize("reference", ["id", "arn", "alias/app"])
def test_decrypt_accepts_the_right_key_in_any_form(kms, key, reference):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x")["CiphertextBlob"]
    key_id = {"id": key["KeyId"], "arn": key["Arn"]}.get(reference, reference)
    assert kms.decrypt(CiphertextBlob=blob, KeyId=key_id)["Plaintext"] == b"x"


@pytest.mark.parametrize("context", [{}, {"purpose": "test"}, {**CONTEXT, "extra": "1"},
                                     {"purpose": "TEST", "tenant": "a"}])
def test_another_encryption_context_is_an_invalid_ciphertext(kms, key, aws_error, context):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext=CONTEXT)[
        "CiphertextBlob"]
    assert aws_error(kms.decrypt, CiphertextBlob=blob, EncryptionContext=context) == (
        "InvalidCiphertextException", "", 400)


@pytest.mark.parametrize("blob", [b"not a kms blob", b"\x01\x02\x02\x00\x78\x05abc"])
def test_garbage_is_an_invalid_ciphertext(kms, aws_error, blob):
    assert aws_error(kms.decrypt, CiphertextBlob=blob) == ("InvalidCiphertextException", "", 400)


def test_a_tampered_blob_is_an_invalid_ciphertext(kms, key, aws_error):
    blob = bytearray(kms.encrypt(KeyId=key["KeyId"], Plaintext=b"abc")["CiphertextBlob"])
    blob[-1] ^= 1
    assert aws_error(kms.decrypt, CiphertextBlob=bytes(blob))[0] == "InvalidCiphertextException"


def test_naming_another_key_is_an_incorrect_key(kms, key, aws_error):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x")["CiphertextBlob"]
    other = kms.create_key()["KeyMetadata"]["KeyId"]
    assert aws_error(kms.decrypt, CiphertextBlob=blob, KeyId=other) == (
        "IncorrectKeyException",
        "The key ID in the request does not identify a CMK that can perform this operation.",
        400,
    )


def test_a_blob_from_another_region_is_refused(kms, key, aws_error):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x")["CiphertextBlob"]
    elsewhere = boto3.client("kms", region_name="eu-west-1")
    assert aws_error(elsewhere.decrypt, CiphertextBlob=blob) == (
        "AccessDeniedException",
        "The ciphertext refers to a customer master key that does not exist, does not exist "
        "in this region, or you are not allowed to access.",
        400,
    )


@pytest.mark.parametrize("operation", ["encrypt", "generate_data_key", "decrypt"])
@pytest.mark.parametrize("make_unusable, code, state", [
    ("disable_key", "DisabledException", "is disabled."),
    ("schedule_key_deletion", "KMSInvalidStateException", "is pending deletion."),
])
def test_an_unusable_key_is_refused(kms, key, aws_error, operation, make_unusable, code, state):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x")["CiphertextBlob"]
    getattr(kms, make_unusable)(KeyId=key["KeyId"])
    assert aws_error(getattr(kms, operation), **_request(operation, key, blob)) == (
        code, f"{key['Arn']} {state}", 400)


def _request(operation, key, blob):
    if operation == "decrypt":
        return {"CiphertextBlob": blob}
    if operation == "encrypt":
        return {"KeyId": "alias/app", "Plaintext": b"x"}
    return {"KeyId": "alias/app", "KeySpec": "AES_256"}


def test_an_unknown_key_is_not_found(kms, aws_error):
    assert aws_error(kms.encrypt, KeyId="alias/nope", Plaintext=b"x")[0] == "NotFoundException"


def test_plaintext_over_4096_bytes_fails_validation_without_showing_it(kms, key, aws_error):
    code, message, _ = aws_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x" * 4097)
    assert (code, message) == (
        "ValidationException",
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
        "Member must have length less than or equal to 4096",
    )


def test_dry_run_succeeds_as_an_error(kms, key, aws_error):
    assert aws_error(kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x", DryRun=True)[0] == (
        "DryRunOperationException")


@pytest.mark.parametrize("size, spec, expected", [(None, "AES_256", 32), (None, "AES_128", 16),
                                                  (7, None, 7)])
def test_generate_data_key_sizes(kms, key, size, spec, expected):
    request = {"KeyId": "alias/app", "EncryptionContext": CONTEXT}
    if size:
        request["NumberOfBytes"] = size
    if spec:
        request["KeySpec"] = spec
    data_key = kms.generate_data_key(**request)
    assert len(data_key["Plaintext"]) == expected and data_key["KeyId"] == key["Arn"]
    decrypted = kms.decrypt(CiphertextBlob=data_key["CiphertextBlob"], EncryptionContext=CONTEXT)
    assert decrypted["Plaintext"] == data_key["Plaintext"]


@pytest.mark.parametrize("request_members", [{}, {"NumberOfBytes": 16, "KeySpec": "AES_128"}])
def test_generate_data_key_needs_exactly_one_size(kms, key, aws_error, request_members):
    assert aws_error(kms.generate_data_key, KeyId=key["KeyId"], **request_members) == (
        "ValidationException", "Please specify either number of bytes or key spec.", 400)


def test_ciphertexts_and_data_keys_repeat_under_a_seed():
    def run(seed):
        with mock_kayvee(seed=seed) as kv:
            kv.create_kms_key("alias/k")
            kms = boto3.client("kms")
            return (kms.encrypt(KeyId="alias/k", Plaintext=b"p")["CiphertextBlob"],
                    kms.generate_data_key(KeyId="alias/k", NumberOfBytes=8)["Plaintext"])
    assert run(3) == run(3) != run(4)


def test_a_securestring_ciphertext_decrypts_with_the_parameter_arn_context(kms, ssm_client):
    ssm_client.put_parameter(Name="/app/db", Value="hunter2", Type="SecureString")
    shown = ssm_client.get_parameter(Name="/app/db")["Parameter"]
    decrypted = kms.decrypt(CiphertextBlob=base64.b64decode(shown["Value"]),
                            EncryptionContext={"PARAMETER_ARN": shown["ARN"]})
    assert decrypted["Plaintext"] == b"hunter2"


@settings(max_examples=40, deadline=None)
@given(plaintext=st.binary(min_size=1, max_size=300),
       context=st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3))
def test_any_plaintext_and_context_round_trip(plaintext, context):
    with mock_kayvee() as kv:
        kv.create_kms_key("alias/k")
        kms = boto3.client("kms")
        blob = kms.encrypt(KeyId="alias/k", Plaintext=plaintext,
                           EncryptionContext=context)["CiphertextBlob"]
        assert kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)["Plaintext"] == (
            plaintext)


def test_decrypt_needs_a_ciphertext(kms, aws_error):
    # Older models mark CiphertextBlob required, so botocore itself would refuse the call.
    unchecked = boto3.client("kms", region_name=kms.meta.region_name,
                             config=Config(parameter_validation=False))
    assert aws_error(unchecked.decrypt) == (
        "ValidationException",
        "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy "
        "constraint: Member must not be null",
        400,
    )


@needs_member("kms", "DecryptRequest", "DryRunModifiers")
def test_a_dry_run_ignoring_the_ciphertext_needs_none(kms, aws_error):
    assert aws_error(kms.decrypt, DryRun=True, DryRunModifiers=["IGNORE_CIPHERTEXT"])[0] == (
        "DryRunOperationException")
