"""Parameter Store objects → API shapes, one place per shape."""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...store.parameters import Parameter, ParameterVersion
from .encryption import check_decryptable
from .names import parameter_arn
from .policies import policy_status


def iam_user(context: Context) -> str:
    """Who ``LastModifiedUser`` names: the mock has no IAM identity, so the account root."""
    return f"arn:{context.partition}:iam::{context.account_id}:root"


def parameter_shape(
    context: Context,
    parameter: Parameter,
    version: ParameterVersion,
    *,
    with_decryption: bool,
    selector: Optional[str] = None,
) -> dict:
    """The ``Parameter`` shape of GetParameter(s) and GetParametersByPath."""
    shape = {
        "Name": parameter.name,
        "Type": version.type,
        "Value": version_value(context, version, with_decryption),
        "Version": version.version,
        "LastModifiedDate": version.last_modified_date,
        "ARN": parameter_arn(context, parameter.name),
        "DataType": version.data_type,
    }
    if selector is not None:
        shape["Selector"] = f":{selector}"
    return shape


def version_value(context: Context, version: ParameterVersion, with_decryption: bool) -> str:
    """A SecureString read without decryption is its ciphertext; decrypting needs its KMS
    key usable; other types ignore the flag."""
    if version.type == "SecureString":
        if not with_decryption:
            return version.ciphertext or ""
        check_decryptable(context, version)
    return version.value


def policies_shape(context: Context, version: ParameterVersion) -> list[dict]:
    """``Policies`` of DescribeParameters and GetParameterHistory: text, type and status."""
    return [
        {
            "PolicyText": policy.text,
            "PolicyType": policy.type,
            "PolicyStatus": policy_status(
                policy, version.policies, version.last_modified_date, context.now
            ),
        }
        for policy in version.policies
    ]


def history_shape(
    context: Context, parameter: Parameter, version: ParameterVersion, *, with_decryption: bool
) -> dict:
    """One ``ParameterHistory`` entry of GetParameterHistory."""
    shape = {
        "Name": parameter.name,
        "Type": version.type,
        "LastModifiedDate": version.last_modified_date,
        "LastModifiedUser": version.last_modified_user,
        "Value": version_value(context, version, with_decryption),
        "Version": version.version,
        "Labels": list(version.labels),
        "Tier": version.tier,
        "Policies": policies_shape(context, version),
        "DataType": version.data_type,
    }
    optional = {
        "KeyId": version.key_id,
        "Description": version.description,
        "AllowedPattern": version.allowed_pattern,
    }
    shape.update((key, value) for key, value in optional.items() if value is not None)
    return shape


def metadata_shape(context: Context, parameter: Parameter) -> dict:
    """One ``ParameterMetadata`` of DescribeParameters: the latest version, never the value.

    ``KeyId`` is present only for SecureString parameters, ``Description`` and
    ``AllowedPattern`` only when set; ``Policies`` is always a list.
    """
    version = parameter.latest
    shape = {
        "Name": parameter.name,
        "ARN": parameter_arn(context, parameter.name),
        "Type": version.type,
        "LastModifiedDate": version.last_modified_date,
        "LastModifiedUser": version.last_modified_user,
        "Version": version.version,
        "Tier": version.tier,
        "Policies": policies_shape(context, version),
        "DataType": version.data_type,
    }
    optional = {
        "KeyId": version.key_id if version.type == "SecureString" else None,
        "Description": version.description,
        "AllowedPattern": version.allowed_pattern,
    }
    shape.update((key, value) for key, value in optional.items() if value is not None)
    return shape
