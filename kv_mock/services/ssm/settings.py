"""GetServiceSetting, UpdateServiceSetting, ResetServiceSetting for Parameter Store's settings.

Parameter Store has two service settings: the tier ``PutParameter`` uses when a request
names none, and whether high throughput is on. Each account and region starts with AWS's
defaults; a changed setting is ``Customized`` until it is reset.
"""

from __future__ import annotations

from ...arns import arn
from ...context import Context
from ...errors import ServiceError
from ...store.parameters import ServiceSettingChange
from .. import SSM, operation
from .responses import iam_user

DEFAULT_TIER_SETTING = "/ssm/parameter-store/default-parameter-tier"
HIGH_THROUGHPUT_SETTING = "/ssm/parameter-store/high-throughput-enabled"

#: Each setting's default value and the values UpdateServiceSetting accepts.
SETTINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    DEFAULT_TIER_SETTING: ("Standard", ("Standard", "Advanced", "Intelligent-Tiering")),
    HIGH_THROUGHPUT_SETTING: ("false", ("true", "false")),
}
#: Who AWS names as the last modifier of a setting nobody changed.
SYSTEM_USER = "System"

# The model's description of ServiceSettingNotFound; AWS's wire text was not found.
NOT_FOUND_MESSAGE = (
    "The specified service setting wasn't found. Either the service name or the setting "
    "hasn't been provisioned by the Amazon Web Services service team."
)


def setting_value(context: Context, setting_id: str) -> str:
    """The value in force for ``setting_id`` in the caller's account and region."""
    change = context.backend.ssm_service_settings.get(setting_id)
    return change.value if change is not None else SETTINGS[setting_id][0]


def _setting_arn(context: Context, setting_id: str) -> str:
    return arn("ssm", context.region, context.account_id, "servicesetting" + setting_id)


def _short_id(context: Context, raw: str) -> str:
    """The short id of a setting given by short id or by its ARN in this account and region."""
    prefix = _setting_arn(context, "")
    setting_id = raw[len(prefix):] if raw.startswith(prefix) else raw
    if setting_id not in SETTINGS:
        raise ServiceError("ServiceSettingNotFound", NOT_FOUND_MESSAGE)
    return setting_id


def _setting_shape(context: Context, setting_id: str) -> dict:
    change = context.backend.ssm_service_settings.get(setting_id)
    shape = {
        "SettingId": setting_id,
        "SettingValue": SETTINGS[setting_id][0],
        "LastModifiedDate": context.now,
        "LastModifiedUser": SYSTEM_USER,
        "ARN": _setting_arn(context, setting_id),
        "Status": "Default",
    }
    if change is not None:
        shape.update(
            SettingValue=change.value,
            LastModifiedDate=change.last_modified_date,
            LastModifiedUser=change.last_modified_user,
            Status="Customized",
        )
    return shape


@operation(SSM, "GetServiceSetting")
def get_service_setting(context: Context, request: dict) -> dict:
    return {"ServiceSetting": _setting_shape(context, _short_id(context, request["SettingId"]))}


@operation(SSM, "UpdateServiceSetting")
def update_service_setting(context: Context, request: dict) -> dict:
    setting_id = _short_id(context, request["SettingId"])
    value = request["SettingValue"]
    allowed = SETTINGS[setting_id][1]
    if value not in allowed:
        # Inferred wording: AWS's text for a value the setting does not take was not found.
        raise ServiceError(
            "ValidationException",
            f"The following setting value is not valid: {value}. "
            f"Valid values include: [{', '.join(allowed)}].",
        )
    context.backend.ssm_service_settings[setting_id] = ServiceSettingChange(
        value, context.now, iam_user(context)
    )
    return {}


@operation(SSM, "ResetServiceSetting")
def reset_service_setting(context: Context, request: dict) -> dict:
    setting_id = _short_id(context, request["SettingId"])
    context.backend.ssm_service_settings.pop(setting_id, None)
    return {"ServiceSetting": _setting_shape(context, setting_id)}
