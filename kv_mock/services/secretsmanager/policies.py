"""Resource policies: Get/Put/Delete/List/ValidateResourcePolicy.

A secret's policies have names (botocore 1.44.2's model): ``default`` is the caller's, the
only one Put/Delete accept (another ``PolicyName`` is ``InvalidParameterException``);
Secrets Manager attaches others itself (``cross-account-replication``). GetResourcePolicy
reads any of them (an unknown name is ``ResourceNotFoundException``); ListResourcePolicies
names them, ``default`` first, then alphabetically. ``PolicyName`` is answered only to
clients whose model has it.

A policy must be an IAM policy document (``MalformedPolicyDocumentException`` "This policy
has invalid syntax." otherwise — the text AWS sent for a policy whose Version was
``2019-10-19``). ``BlockPublicPolicy`` refuses, and ValidateResourcePolicy reports, a policy
granting broad access: AWS asks its Zelkova reasoning engine; the mock's approximation is an
``Allow`` statement whose principal is ``"*"`` (bare or as ``{"AWS": "*"}``) or that uses
``NotPrincipal``, with no ``Condition``.
"""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...service_models import output_has_member
from ...store.secrets import Secret
from .. import SECRETS_MANAGER, operation
from ..iam_policy import MalformedPolicy, statements
from .shared_access import shared_operation
from .lookup import live_secret, writable_secret
from .paging import decode_token, encode_token, invalid_token

MALFORMED_MESSAGE = "This policy has invalid syntax."
# Inferred: the model's description of PublicPolicyException (AWS's runtime text not found).
PUBLIC_POLICY_MESSAGE = (
    "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent "
    "broad access to the secret."
)
# Inferred: ValidateResourcePolicy's check name and message for broad access (not found).
BROAD_ACCESS_CHECK = "BROAD_ACCESS"
BROAD_ACCESS_MESSAGE = "The resource policy grants broad access to the secret."

DEFAULT_POLICY = "default"
#: ListResourcePolicies' page size without ``MaxResults`` ("up to 100 results").
DEFAULT_POLICIES_PAGE = 100
# Inferred texts: AWS's wording for these was not found.
ONLY_DEFAULT_MESSAGE = "You can only attach or delete the default resource policy."
POLICY_NOT_FOUND_MESSAGE = "Secrets Manager can't find the specified resource policy: {name}"

def _malformed() -> ServiceError:
    return ServiceError("MalformedPolicyDocumentException", MALFORMED_MESSAGE)


def parse_policy(text: str) -> list[dict]:
    """The statements of a well-formed policy document; MalformedPolicyDocument otherwise."""
    try:
        return statements(text)
    except MalformedPolicy:
        raise _malformed() from None


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


def _named(operation_name: str, secret: Secret, policy_name: str) -> dict:
    response = {"ARN": secret.arn, "Name": secret.name}
    if output_has_member(SECRETS_MANAGER, operation_name, "PolicyName"):
        response["PolicyName"] = policy_name
    return response


def _changeable_name(request: dict) -> str:
    """Put and Delete act on the ``default`` policy only."""
    name = request.get("PolicyName", DEFAULT_POLICY)
    if name != DEFAULT_POLICY:
        raise ServiceError("InvalidParameterException", ONLY_DEFAULT_MESSAGE)
    return name


@shared_operation("PutResourcePolicy")
def put_resource_policy(context: Context, request: dict) -> dict:
    name = _changeable_name(request)
    secret = writable_secret(context, request["SecretId"])
    policy = request["ResourcePolicy"]
    statements = parse_policy(policy)
    if request.get("BlockPublicPolicy") and grants_broad_access(statements):
        raise ServiceError("PublicPolicyException", PUBLIC_POLICY_MESSAGE)
    secret.resource_policy = policy
    return _named("PutResourcePolicy", secret, name)


@shared_operation("GetResourcePolicy")
def get_resource_policy(context: Context, request: dict) -> dict:
    """``ResourcePolicy`` is left out, not null, when the secret has no default policy."""
    secret = live_secret(context, request["SecretId"])
    name = request.get("PolicyName", DEFAULT_POLICY)
    response = _named("GetResourcePolicy", secret, name)
    if name == DEFAULT_POLICY:
        policy = secret.resource_policy
    else:
        policy = secret.managed_policies.get(name)
        if policy is None:
            raise ServiceError(
                "ResourceNotFoundException", POLICY_NOT_FOUND_MESSAGE.format(name=name)
            )
    if policy is not None:
        response["ResourcePolicy"] = policy
    return response


@shared_operation("DeleteResourcePolicy")
def delete_resource_policy(context: Context, request: dict) -> dict:
    """Deleting a policy a secret does not have succeeds and changes nothing."""
    name = _changeable_name(request)
    secret = writable_secret(context, request["SecretId"])
    secret.resource_policy = None
    return _named("DeleteResourcePolicy", secret, name)


def policy_names(secret: Secret) -> list[str]:
    """``default`` first (when attached), then the others alphabetically."""
    names = [DEFAULT_POLICY] if secret.resource_policy is not None else []
    return names + sorted(secret.managed_policies)


@operation(SECRETS_MANAGER, "ListResourcePolicies")
def list_resource_policies(context: Context, request: dict) -> dict:
    """A page of names; the token is a cursor on the last name returned."""
    secret = live_secret(context, request["SecretId"])
    listing = f"policies:{secret.arn}"
    names = policy_names(secret)
    start = 0
    if "NextToken" in request:
        last = decode_token(listing, request["NextToken"])
        if last not in names:
            raise invalid_token()
        start = names.index(last) + 1
    page = names[start:start + request.get("MaxResults", DEFAULT_POLICIES_PAGE)]
    response: dict = {"ResourcePolicies": [{"PolicyName": name} for name in page]}
    if start + len(page) < len(names):
        response["NextToken"] = encode_token(listing, page[-1])
    return response


@shared_operation("ValidateResourcePolicy")
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
