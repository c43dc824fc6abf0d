"""Get/Update/ResetServiceSetting for Parameter Store's two settings."""

import pytest

from kv_mock.services.ssm.settings import NOT_FOUND_MESSAGE

TIER = "/ssm/parameter-store/default-parameter-tier"
THROUGHPUT = "/ssm/parameter-store/high-throughput-enabled"
ARN = "arn:aws:ssm:us-east-1:123456789012:servicesetting"


@pytest.mark.parametrize("setting_id, default", [(TIER, "Standard"), (THROUGHPUT, "false")])
def test_default_setting(ssm_client, setting_id, default):
    setting = ssm_client.get_service_setting(SettingId=setting_id)["ServiceSetting"]
    setting.pop("LastModifiedDate")
    assert setting == {
        "SettingId": setting_id, "SettingValue": default, "LastModifiedUser": "System",
        "ARN": ARN + setting_id, "Status": "Default",
    }


def test_setting_by_arn_answers_with_the_short_id(ssm_client):
    setting = ssm_client.get_service_setting(SettingId=ARN + THROUGHPUT)["ServiceSetting"]
    assert setting["SettingId"] == THROUGHPUT


def test_update_customizes_the_setting(ssm_client):
    assert ssm_client.update_service_setting(SettingId=ARN + TIER, SettingValue="Advanced")[
        "ResponseMetadata"
    ]["HTTPStatusCode"] == 200
    setting = ssm_client.get_service_setting(SettingId=TIER)["ServiceSetting"]
    assert (setting["SettingValue"], setting["Status"], setting["LastModifiedUser"]) == (
        "Advanced", "Customized", "arn:aws:iam::123456789012:root"
    )


def test_reset_returns_to_the_default(ssm_client):
    ssm_client.update_service_setting(SettingId=THROUGHPUT, SettingValue="true")
    reset = ssm_client.reset_service_setting(SettingId=THROUGHPUT)["ServiceSetting"]
    assert (reset["SettingValue"], reset["Status"]) == ("false", "Default")


@pytest.mark.parametrize(
    "operation, extra",
    [("get_service_setting", {}), ("reset_service_setting", {}),
     ("update_service_setting", {"SettingValue": "x"})],
)
@pytest.mark.parametrize(
    "setting_id",
    ["/ssm/parameter-store/nope", "arn:aws:ssm:eu-west-1:123456789012:servicesetting" + TIER],
)
def test_unknown_setting(ssm_client, aws_error, operation, extra, setting_id):
    call = getattr(ssm_client, operation)
    assert aws_error(call, SettingId=setting_id, **extra) == (
        "ServiceSettingNotFound", NOT_FOUND_MESSAGE, 400
    )


@pytest.mark.parametrize(
    "setting_id, value, allowed",
    [
        (TIER, "advanced", "Standard, Advanced, Intelligent-Tiering"),
        (THROUGHPUT, "yes", "true, false"),
    ],
)
def test_update_refuses_values_the_setting_does_not_take(
    ssm_client, aws_error, setting_id, value, allowed
):
    update = ssm_client.update_service_setting
    assert aws_error(update, SettingId=setting_id, SettingValue=value) == (
        "ValidationException",
        f"The following setting value is not valid: {value}. Valid values include: [{allowed}].",
        400,
    )


def test_settings_are_per_region(kayvee, ssm_client):
    import boto3

    ssm_client.update_service_setting(SettingId=TIER, SettingValue="Advanced")
    other = boto3.client("ssm", region_name="eu-west-1")
    assert other.get_service_setting(SettingId=TIER)["ServiceSetting"]["Status"] == "Default"
