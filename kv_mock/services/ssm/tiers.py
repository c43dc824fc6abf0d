"""Which tier a ``PutParameter`` lands in, and the limits of each tier.

A request names ``Standard``, ``Advanced`` or ``Intelligent-Tiering``, or none, and then the
account's default-tier service setting decides. Intelligent-Tiering resolves to a real tier:
Advanced when the value is over 4 KB, policies are attached, the Standard quota is used up,
or the parameter already is Advanced. An Advanced parameter never goes back to Standard.
"""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import ParameterVersion
from ...validate import java_length
from .settings import DEFAULT_TIER_SETTING, setting_value

#: "Standard … 4 KB", "Advanced … 8 KB" of value.
STANDARD_VALUE_MAX = 4096
ADVANCED_VALUE_MAX = 8192
#: Standard parameters per account and region.
STANDARD_PARAMETERS_MAX = 10_000

STANDARD_TOO_LARGE_MESSAGE = (
    "Standard tier parameters support a maximum parameter value of 4096 characters. To "
    "create a larger parameter value, upgrade the parameter to use the advanced-parameter "
    "tier. For more information, see "
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html"
)
# Inferred from the Standard tier's text: AWS's message for the Advanced limit was not found.
ADVANCED_TOO_LARGE_MESSAGE = (
    "Advanced tier parameters support a maximum parameter value of 8192 characters."
)
# AWS's text begins so (seen live); its continuation, if any, was not found.
DOWNGRADE_MESSAGE = (
    "You can't downgrade a parameter from the advanced-parameter tier to the "
    "standard-parameter tier."
)
# Inferred: AWS's text for policies on a Standard parameter was not found.
POLICIES_NEED_ADVANCED_MESSAGE = (
    "Parameter policies are only supported for advanced-parameter tier parameters."
)
STANDARD_LIMIT_MESSAGE = (
    "You have reached the maximum number of standard parameters for this AWS account and "
    f"Region ({STANDARD_PARAMETERS_MAX}). To add more parameters, either delete existing "
    "parameters or upgrade to the advanced-parameter tier (charges apply)."
)


def resolve_tier(
    context: Context,
    requested: Optional[str],
    previous: Optional[ParameterVersion],
    value: str,
    has_policies: bool,
) -> str:
    """The tier the new version gets, or AWS's error for the combination asked for."""
    tier = requested or setting_value(context, DEFAULT_TIER_SETTING)
    size = java_length(value)
    was_advanced = previous is not None and previous.tier == "Advanced"
    standard_full = context.backend.parameters.standard_count >= STANDARD_PARAMETERS_MAX
    if tier == "Intelligent-Tiering":
        needs_advanced = (
            size > STANDARD_VALUE_MAX or has_policies or was_advanced
            or (standard_full and previous is None)
        )
        tier = "Advanced" if needs_advanced else "Standard"
    if tier == "Standard" and was_advanced:
        if requested == "Standard":
            raise ServiceError("ValidationException", DOWNGRADE_MESSAGE)
        tier = "Advanced"  # the default tier never downgrades an existing parameter
    if tier == "Advanced":
        if size > ADVANCED_VALUE_MAX:
            raise ServiceError("ValidationException", ADVANCED_TOO_LARGE_MESSAGE)
        return tier
    if size > STANDARD_VALUE_MAX:
        raise ServiceError("ValidationException", STANDARD_TOO_LARGE_MESSAGE)
    if has_policies:
        raise ServiceError("ValidationException", POLICIES_NEED_ADVANCED_MESSAGE)
    if previous is None and standard_full:
        raise ServiceError("ParameterLimitExceeded", STANDARD_LIMIT_MESSAGE)
    return tier
