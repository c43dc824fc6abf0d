"""Parameter resource policies: PutResourcePolicy, GetResourcePolicies, DeleteResourcePolicy.

A resource policy shares an advanced-tier parameter with other accounts ("To share a
parameter, it must be in the advanced parameter tier"; a SecureString "must be encrypted
with a customer managed key": the model's PutResourcePolicy documentation and AWS's guide
"Working with shared parameters"). Another account then reads it by its full ARN with
GetParameter, GetParameters and GetParameterHistory — exactly the operations whose ``Name``
the model documents as "For parameters shared with you from another account, you must use
the full ARN" — when a statement of one of its policies allows that account the action;
otherwise AWS's IAM answer, ``AccessDeniedException`` "User: … is not authorized to
perform: ssm:GetParameter on resource: … because no resource-based policy allows the
ssm:GetParameter action" (the form of IAM's recorded denials, e.g.
aws-solutions/aws-control-tower-customizations#208 for identity-based policies).

``DescribeParameters(Shared=True)`` does not list parameters shared this way: "In order for
a parameter that was shared using the PutResourcePolicy command to be returned, the
associated RAM Resource Share Created From Policy must have been promoted" — a RAM
operation kv_mock does not mock [model DescribeParameters.Shared].

Policy evaluation is the part of IAM's that sharing needs: ``Allow`` and ``Deny`` statements
whose ``Principal`` is ``"*"`` or names the caller's account (its id or
``arn:…:iam::<id>:root``), whose ``Action`` matches (``ssm:*`` and other wildcards,
case-insensitively) and whose ``Resource`` matches the parameter's ARN (or is absent); a
``Deny`` wins. ``Condition`` blocks are not evaluated (the statement applies), and
``NotPrincipal``/``NotAction`` statements never match.

Messages are the model's descriptions of each error: AWS's wire texts were not found.
"""

from __future__ import annotations

import hashlib
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.kms import CUSTOMER
from ...store.parameters import Parameter, ResourcePolicy
from .. import SSM, operation
from ..iam_policy import MalformedPolicy, NotAuthorized, allows, not_authorized, statements
from .encryption import DEFAULT_KEY_ID
from .names import PARAMETER_ARN, name_from_arn, parameter_arn
from .page_tokens import read_token, write_token

# The model's descriptions of the errors [model].
INVALID_PARAMETER_MESSAGE = (
    "One or more parameters specified for the call aren't valid. Verify the parameters and "
    "their values and try again."
)
NOT_FOUND_MESSAGE = "The specified parameter to be shared could not be found."
CONFLICT_MESSAGE = (
    "The hash provided in the call doesn't match the stored hash. This exception is thrown "
    "when trying to update an obsolete policy version or when multiple requests to update a "
    "policy are sent."
)
POLICY_NOT_FOUND_MESSAGE = "No policies with the specified policy ID and hash could be found."
MALFORMED_MESSAGE = (
    "The specified policy document is malformed or invalid, or excessive PutResourcePolicy "
    "or DeleteResourcePolicy calls have been made."
)
LIMIT_MESSAGE = (
    "The PutResourcePolicy API action enforces two limits. A policy can't be greater than "
    "1024 bytes in size. And only one policy can be attached to OpsItemGroup. Verify these "
    "limits and try again."
)
#: "A policy can't be greater than 1024 bytes in size" [model ResourcePolicyLimitExceededException].
MAX_POLICY_BYTES = 1024
#: GetResourcePolicies' page when MaxResults is absent [INF: the model's maximum].
DEFAULT_MAX_RESULTS = 50


def _invalid(*members: str) -> ServiceError:
    return ServiceError(
        "ResourcePolicyInvalidParameterException", INVALID_PARAMETER_MESSAGE,
        ParameterNames=list(members),
    )


def _policy_parameter(context: Context, resource_arn: str) -> Parameter:
    """The caller's parameter ``resource_arn`` names.

    kv_mock holds no other resource a policy attaches to (OpsItemGroups, documents): an ARN
    that is not a parameter's is an invalid ``ResourceArn``; a parameter ARN of another
    account or region, or of no parameter, is ``ResourceNotFoundException`` ("You can't
    share a parameter that has been shared with you").
    """
    if not PARAMETER_ARN.match(resource_arn) or resource_arn.endswith(":parameter/"):
        raise _invalid("ResourceArn")
    parameter = None
    if resource_arn.startswith(parameter_arn(context, "")):
        parameter = context.backend.parameters.get(name_from_arn(context, resource_arn))
    if parameter is None:
        raise ServiceError("ResourceNotFoundException", NOT_FOUND_MESSAGE)
    return parameter


def _shareable(context: Context, parameter: Parameter) -> None:
    """Only an advanced parameter, and a SecureString only under a customer managed key
    ("AWS managed keys cannot be shared")."""
    latest = parameter.latest
    if latest.tier != "Advanced":
        raise _invalid("ResourceArn")
    if latest.type == "SecureString":
        key = context.backend.kms.find(latest.key_id or DEFAULT_KEY_ID)
        if key is None or key.key_manager != CUSTOMER:
            raise _invalid("ResourceArn")


def _checked_policy(text: str) -> None:
    if len(text.encode()) > MAX_POLICY_BYTES:
        raise ServiceError(
            "ResourcePolicyLimitExceededException", LIMIT_MESSAGE,
            Limit=MAX_POLICY_BYTES, LimitType="PolicySize",
        )
    try:
        statements(text)  # IAM's policy grammar, shared with Secrets Manager
    except MalformedPolicy:
        raise ServiceError("MalformedResourcePolicyDocumentException", MALFORMED_MESSAGE) from None


def _quoted_policy(parameter: Parameter, policy_id: str, policy_hash: str) -> ResourcePolicy:
    """The policy a caller names by id and hash: an update or a deletion must be current."""
    found = parameter.resource_policies.get(policy_id)
    if found is None:
        raise ServiceError("ResourcePolicyNotFoundException", POLICY_NOT_FOUND_MESSAGE)
    if found.hash != policy_hash:
        raise ServiceError("ResourcePolicyConflictException", CONFLICT_MESSAGE)
    return found


def _hash(text: str) -> str:
    """A policy version's hash [INF: AWS's is opaque; a digest of the text changes with it]."""
    return hashlib.sha256(text.encode()).hexdigest()


@operation(SSM, "PutResourcePolicy")
def put_resource_policy(context: Context, request: dict) -> dict:
    """Attach a new policy, or replace the one ``PolicyId`` + current ``PolicyHash`` name."""
    parameter = _policy_parameter(context, request["ResourceArn"])
    _shareable(context, parameter)
    text = request["Policy"]
    _checked_policy(text)
    policy_id, policy_hash = request.get("PolicyId"), request.get("PolicyHash")
    if policy_id is not None and policy_hash is not None:
        _quoted_policy(parameter, policy_id, policy_hash)
    elif policy_id is not None or policy_hash is not None:
        raise _invalid("PolicyHash" if policy_hash is None else "PolicyId")
    else:
        policy_id = context.ids.uuid4()
    policy = ResourcePolicy(policy_id, _hash(text), text)
    parameter.resource_policies[policy_id] = policy
    return {"PolicyId": policy.policy_id, "PolicyHash": policy.hash}


@operation(SSM, "GetResourcePolicies")
def get_resource_policies(context: Context, request: dict) -> dict:
    """The parameter's policies in the order they were attached, a page at a time."""
    resource_arn = request["ResourceArn"]
    parameter = _policy_parameter(context, resource_arn)
    policies = list(parameter.resource_policies.values())
    after = read_token(context, "GetResourcePolicies", resource_arn, request.get("NextToken"))
    start = 0
    if after is not None:
        start = next((i + 1 for i, p in enumerate(policies) if p.policy_id == after), 0)
    size = request.get("MaxResults", DEFAULT_MAX_RESULTS)
    page = policies[start:start + size]
    response: dict = {
        "Policies": [
            {"PolicyId": p.policy_id, "PolicyHash": p.hash, "Policy": p.text} for p in page
        ]
    }
    if start + size < len(policies):
        response["NextToken"] = write_token(
            context, "GetResourcePolicies", resource_arn, page[-1].policy_id
        )
    return response


@operation(SSM, "DeleteResourcePolicy")
def delete_resource_policy(context: Context, request: dict) -> dict:
    parameter = _policy_parameter(context, request["ResourceArn"])
    found = _quoted_policy(parameter, request["PolicyId"], request["PolicyHash"])
    del parameter.resource_policies[found.policy_id]
    return {}


# -- Reading another account's parameter by its ARN ---------------------------------------


def authorize_shared_read(
    context: Context, parameter: Optional[Parameter], resource_arn: str, action: str
) -> Parameter:
    """``parameter`` of another account, if one of its policies lets the caller ``action`` it.

    A missing parameter is denied the same way: the caller learns nothing of another
    account's names.
    """
    policies = () if parameter is None else (p.text for p in parameter.resource_policies.values())
    if parameter is None or not allows(policies, context.account_id, action, resource_arn):
        raise read_denied(context, resource_arn, action)
    return parameter


def read_denied(context: Context, resource_arn: str, action: str) -> NotAuthorized:
    return not_authorized(context.partition, context.account_id, action, resource_arn)
