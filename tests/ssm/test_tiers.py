"""Tiers: value limits, no downgrade, Intelligent-Tiering, the default-tier setting, quota."""

import pytest

from kv_mock.services.ssm.tiers import (
    ADVANCED_TOO_LARGE_MESSAGE,
    DOWNGRADE_MESSAGE,
    STANDARD_LIMIT_MESSAGE,
    STANDARD_TOO_LARGE_MESSAGE,
)

DEFAULT_TIER = "/ssm/parameter-store/default-parameter-tier"


def test_standard_value_over_4096_characters_is_refused(put, aws_error):
    put("/fits", "x" * 4096)
    assert aws_error(put, name="/a", value="x" * 4097) == (
        "ValidationException", STANDARD_TOO_LARGE_MESSAGE, 400
    )


def test_advanced_takes_8192_characters_and_no_more(put, aws_error):
    assert put("/fits", "x" * 8192, Tier="Advanced")["Tier"] == "Advanced"
    assert aws_error(put, name="/a", value="x" * 8193, Tier="Advanced") == (
        "ValidationException", ADVANCED_TOO_LARGE_MESSAGE, 400
    )


def test_advanced_cannot_be_downgraded(put, aws_error):
    put("/a", Tier="Advanced")
    assert aws_error(put, name="/a", Tier="Standard", Overwrite=True) == (
        "ValidationException", DOWNGRADE_MESSAGE, 400
    )


def test_overwrite_without_tier_keeps_advanced(put):
    put("/a", Tier="Advanced")
    assert put("/a", Overwrite=True)["Tier"] == "Advanced"


@pytest.mark.parametrize(
    "value, options, tier",
    [
        ("small", {}, "Standard"),
        ("x" * 4097, {}, "Advanced"),
        ("small", {"Policies": '[{"Type":"NoChangeNotification","Version":"1.0",'
                               '"Attributes":{"After":"1","Unit":"Days"}}]'}, "Advanced"),
    ],
)
def test_intelligent_tiering_resolves_to_a_real_tier(put, value, options, tier):
    assert put("/a", value, Tier="Intelligent-Tiering", **options)["Tier"] == tier


def test_intelligent_tiering_keeps_an_advanced_parameter_advanced(put):
    put("/a", Tier="Advanced")
    assert put("/a", Tier="Intelligent-Tiering", Overwrite=True)["Tier"] == "Advanced"


@pytest.mark.parametrize(
    "setting, value, tier",
    [("Advanced", "small", "Advanced"), ("Intelligent-Tiering", "x" * 5000, "Advanced"),
     ("Intelligent-Tiering", "small", "Standard"), ("Standard", "small", "Standard")],
)
def test_default_tier_setting_decides_when_the_request_names_no_tier(
    ssm_client, put, setting, value, tier
):
    ssm_client.update_service_setting(SettingId=DEFAULT_TIER, SettingValue=setting)
    assert put("/a", value)["Tier"] == tier


def test_explicit_tier_overrides_the_default_setting(ssm_client, put):
    ssm_client.update_service_setting(SettingId=DEFAULT_TIER, SettingValue="Advanced")
    assert put("/a", Tier="Standard")["Tier"] == "Standard"


def test_standard_parameters_are_capped_per_account_and_region(kayvee, put, aws_error):
    kayvee.backend().parameters.standard_count = 10_000  # as if 10,000 existed
    assert aws_error(put, name="/one-more") == (
        "ParameterLimitExceeded", STANDARD_LIMIT_MESSAGE, 400
    )
    assert put("/one-more", Tier="Intelligent-Tiering")["Tier"] == "Advanced"


def test_deleting_a_standard_parameter_frees_its_quota_slot(kayvee, put, ssm_client):
    put("/a")
    put("/b", Tier="Advanced")
    ssm_client.delete_parameters(Names=["/a", "/b"])
    assert kayvee.backend().parameters.standard_count == 0
