"""Parameter Store objects → API shapes, one place per shape."""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...store.parameters import Parameter, ParameterVersion
from .names import parameter_arn


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
    value = version.value
    if version.type == "SecureString" and not with_decryption:
        value = version.ciphertext or ""
    shape = {
        "Name": parameter.name,
        "Type": version.type,
        "Value": value,
        "Version": version.version,
        "LastModifiedDate": version.last_modified_date,
        "ARN": parameter_arn(context, parameter.name),
        "DataType": version.data_type,
    }
    if selector is not None:
        shape["Selector"] = f":{selector}"
    return shape
