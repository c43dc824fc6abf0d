"""Resource policies: Get/Put/Delete/ValidateResourcePolicy.

A policy must be an IAM policy document (``MalformedPolicyDocumentException`` "This policy
has invalid syntax." otherwise — the text AWS sent for a policy whose Version was
``2019-10-19``). ``BlockPublicPolicy`` refuses, and ValidateResourcePolicy reports, a policy
granting broad access: AWS asks its Zelkova reasoning engine; the mock's approximation is an
``Allow`` statement whose principal is ``"*"`` (bare or as ``{"AWS": "*"}``) or that uses
``NotPrincipal``, with no ``Condition``.
"""

from __future__ import annotations

from typing import Any, Optional

from ...jsontext import parse as parse_json
from ...context import Context
from ...errors import ServiceError
from ...store.secrets import Secret
from .. import SECRETS_MANAGER, operation
from .lookup import live_secret, writable_secret

MALFORMED_MESSAGE = "This policy has invalid syntax."
# Inferred: the model's description of PublicPolicyException (AWS's runtime text not found).
PUBLIC_POLICY_MESSAGE = (
    "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent "
    "broad access to the secret."
)
# Inferred: ValidateResourcePolicy's check name and message for broad access (not found).
BROAD_ACCESS_CHECK = "BROAD_ACCESS"
BROAD_ACCESS_MESSAGE = "The resource policy grants broad access to the secret."

#: Policy language versions IAM accepts.
POLICY_VERSIONS = ("2012-10-17", "2008-10-17")
_DOCUMENT_KEYS = {"Version", "Id", "Statement"}
_STATEMENT_KEYS = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
    "NotResource", "Condition",
}
_EFFECTS = ("Allow", "Deny")


def _malformed() -> ServiceError:
    return ServiceError("MalformedPolicyDocumentException", MALFORMED_MESSAGE)


def parse_policy(text: str) -> list[dict]:
    """The statements of a well-formed policy document; MalformedPolicyDocument otherwise."""
    try:
        document = parse_json(text)
    except ValueError:
        raise _malformed() from None
    if not isinstance(document, dict) or not set(document) <= _DOCUMENT_KEYS:
        raise _malformed()
    if document.get("Version", POLICY_VERSIONS[0]) not in POLICY_VERSIONS:
        raise _malformed()
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise _malformed()
    for statement in statements:
        _check_statement(statement)
    return statements


def _check_statement(statement: Any) -> None:
    """Effect, an action element and a principal element, each of the right JSON type."""
    if not isinstance(statement, dict) or not set(statement) <= _STATEMENT_KEYS:
        raise _malformed()
    if statement.get("Effect") not in _EFFECTS:
        raise _malformed()
    if ("Action" in statement) == ("NotAction" in statement):
        raise _malformed()
    if ("Principal" in statement) == ("NotPrincipal" in statement):
        raise _malformed()
    for key in ("Action", "NotAction", "Resource", "NotResource"):
        if key in statement and not _strings(statement[key]):
            raise _malformed()
    if "Condition" in statement and not isinstance(statement["Condition"], dict):
        raise _malformed()


def _strings(value: Any) -> bool:
    """A policy element holding one string or a non-empty list of strings."""
    if isinstance(value, str):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def grants_broad_access(statements: list[dict]) -> bool:
    return any(_is_broad(statement) for statement in statements)


def _is_broad(statement: dict) -> bool:
    if statement["Effect"] != "Allow" or "Condition" in statement:
        return False
    if "NotPrincipal" in statement:
        return True
    principal = statement["Principal"]
    if principal == "*":
        return True
    if isinstance(principal, dict):
        aws = principal.get("AWS")
        return aws == "*" or (isinstance(aws, list) and "*" in aws)
    return False


def _named(secret: Secret) -> dict:
    return {"ARN": secret.arn, "Name": secret.name}


@operation(SECRETS_MANAGER, "PutResourcePolicy")
def put_resource_policy(context: Context, request: dict) -> dict:
    secret = writable_secret(context, request["SecretId"])
    policy = request["ResourcePolicy"]
    statements = parse_policy(policy)
    if request.get("BlockPublicPolicy") and grants_broad_access(statements):
        raise ServiceError("PublicPolicyException", PUBLIC_POLICY_MESSAGE)
    secret.resource_policy = policy
    return _named(secret)


@operation(SECRETS_MANAGER, "GetResourcePolicy")
def get_resource_policy(context: Context, request: dict) -> dict:
    """``ResourcePolicy`` is left out, not null, when the secret has none."""
    secret = live_secret(context, request["SecretId"])
    response = _named(secret)
    if secret.resource_policy is not None:
        response["ResourcePolicy"] = secret.resource_policy
    return response


@operation(SECRETS_MANAGER, "DeleteResourcePolicy")
def delete_resource_policy(context: Context, request: dict) -> dict:
    """Deleting a policy a secret does not have succeeds and changes nothing."""
    secret = writable_secret(context, request["SecretId"])
    secret.resource_policy = None
    return _named(secret)


@operation(SECRETS_MANAGER, "ValidateResourcePolicy")
def validate_resource_policy(context: Context, request: dict) -> dict:
    """Syntax errors raise; broad access is reported in ``ValidationErrors``.

    ``SecretId`` is optional; when given, the secret must exist.
    """
    secret_id: Optional[str] = request.get("SecretId")
    if secret_id is not None:
        live_secret(context, secret_id)
    statements = parse_policy(request["ResourcePolicy"])
    errors = []
    if grants_broad_access(statements):
        errors.append({"CheckName": BROAD_ACCESS_CHECK, "ErrorMessage": BROAD_ACCESS_MESSAGE})
    return {"PolicyValidationPassed": not errors, "ValidationErrors": errors}
