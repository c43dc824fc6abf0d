"""Parameter policies: validation, what history shows, and Expiration enforced by the clock."""

import datetime as dt
import json

import pytest

from kv_mock.services.ssm.tiers import POLICIES_NEED_ADVANCED_MESSAGE

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


def expiration(at: dt.datetime) -> dict:
    stamp = at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": stamp}}


def notification(kind: str, attribute: str, count="1", unit="Days") -> dict:
    return {"Type": kind, "Version": "1.0", "Attributes": {attribute: count, "Unit": unit}}


@pytest.fixture
def frozen(kayvee):
    kayvee.clock.freeze(NOW)
    return kayvee


def put_policies(put, policies, name="/p", **options):
    options.setdefault("Tier", "Advanced")
    return put(name, Policies=json.dumps(policies), **options)


class TestEnforcement:
    def test_parameter_is_deleted_when_the_clock_passes_its_expiration(
        self, frozen, put, ssm_client, aws_error
    ):
        put_policies(put, [expiration(NOW + dt.timedelta(hours=1))])
        frozen.advance(minutes=59)
        assert ssm_client.get_parameter(Name="/p")["Parameter"]["Value"] == "v"
        frozen.advance(minutes=1)
        assert aws_error(ssm_client.get_parameter, Name="/p") == ("ParameterNotFound", "", 400)

    def test_overwrite_without_policies_keeps_the_expiration(
        self, frozen, put, ssm_client, aws_error
    ):
        put_policies(put, [expiration(NOW + dt.timedelta(hours=1))])
        put("/p", "v2", Overwrite=True)
        frozen.advance(hours=2)
        assert aws_error(ssm_client.get_parameter, Name="/p")[0] == "ParameterNotFound"

    def test_a_later_expiration_replaces_the_earlier_one(self, frozen, put, ssm_client):
        put_policies(put, [expiration(NOW + dt.timedelta(hours=1))])
        put_policies(put, [expiration(NOW + dt.timedelta(days=1))], Overwrite=True)
        frozen.advance(hours=2)
        assert ssm_client.get_parameter(Name="/p")["Parameter"]["Version"] == 2

    def test_empty_policy_list_removes_the_expiration(self, frozen, put, ssm_client):
        put_policies(put, [expiration(NOW + dt.timedelta(hours=1))])
        put("/p", Policies="[]", Overwrite=True)
        frozen.advance(hours=2)
        assert ssm_client.get_parameter(Name="/p")["Parameter"]["Version"] == 2

    def test_a_recreated_parameter_without_policy_survives_the_old_expiration(
        self, frozen, put, ssm_client
    ):
        put_policies(put, [expiration(NOW + dt.timedelta(hours=1))])
        ssm_client.delete_parameter(Name="/p")
        put("/p")
        frozen.advance(hours=2)
        assert ssm_client.get_parameter(Name="/p")["Parameter"]["Version"] == 1

    def test_expiration_is_enforced_after_a_snapshot_is_restored(
        self, frozen, put, ssm_client, aws_error
    ):
        put_policies(put, [expiration(NOW + dt.timedelta(hours=1))])
        frozen.restore(frozen.snapshot())
        frozen.advance(hours=2)
        assert aws_error(ssm_client.get_parameter, Name="/p")[0] == "ParameterNotFound"


class TestHistoryShowsPolicies:
    def test_policy_text_type_and_status(self, frozen, put, ssm_client):
        policies = [
            expiration(NOW + dt.timedelta(days=10)),
            notification("ExpirationNotification", "Before", "2"),
            notification("NoChangeNotification", "After", "1", "Hours"),
        ]
        put_policies(put, policies)
        frozen.advance(hours=2)
        shown = ssm_client.get_parameter_history(Name="/p")["Parameters"][0]["Policies"]
        assert shown == [
            {"PolicyText": json.dumps(policy, separators=(",", ":")),
             "PolicyType": policy["Type"], "PolicyStatus": status}
            for policy, status in zip(policies, ["Pending", "Pending", "Finished"])
        ]

    def test_expiration_notification_finishes_before_the_expiration(
        self, frozen, put, ssm_client
    ):
        put_policies(put, [expiration(NOW + dt.timedelta(days=10)),
                           notification("ExpirationNotification", "Before", "2")])
        frozen.advance(days=8)
        shown = ssm_client.get_parameter_history(Name="/p")["Parameters"][0]["Policies"]
        assert [p["PolicyStatus"] for p in shown] == ["Pending", "Finished"]

    def test_parameter_without_policies_shows_an_empty_list(self, put, ssm_client):
        put("/p")
        assert ssm_client.get_parameter_history(Name="/p")["Parameters"][0]["Policies"] == []


class TestValidation:
    def test_policies_need_the_advanced_tier(self, put, aws_error):
        policies = [notification("NoChangeNotification", "After")]
        assert aws_error(put_policies, put, policies, Tier="Standard") == (
            "ValidationException", POLICIES_NEED_ADVANCED_MESSAGE, 400
        )

    @pytest.mark.parametrize("raw", ["not json", '{"Type":"Expiration"}', "[1]"])
    def test_input_that_is_not_a_json_array_of_objects(self, put, aws_error, raw):
        assert aws_error(put, name="/p", Policies=raw, Tier="Advanced") == (
            "ValidationException", f"Invalid policies input: {raw}.", 400
        )

    def test_more_than_ten_policies(self, put, aws_error):
        policies = [notification("NoChangeNotification", "After", str(n)) for n in range(1, 12)]
        assert aws_error(put_policies, put, policies) == (
            "PoliciesLimitExceededException",
            "Number of policies attached to a parameter cannot exceed 10",
            400,
        )

    def test_unknown_policy_type(self, put, aws_error):
        policy = {"Type": "Rotation", "Version": "1.0", "Attributes": {}}
        assert aws_error(put_policies, put, [policy]) == (
            "InvalidPolicyTypeException", "Policy type Rotation is not supported.", 400
        )

    def test_two_expirations_are_incompatible(self, frozen, put, aws_error):
        policies = [expiration(NOW + dt.timedelta(days=d)) for d in (1, 2)]
        assert aws_error(put_policies, put, policies) == (
            "IncompatiblePolicyException", "There can be only one expiration policy", 400
        )

    def test_expiration_notification_needs_an_expiration(self, put, aws_error):
        policies = [notification("ExpirationNotification", "Before")]
        assert aws_error(put_policies, put, policies) == (
            "IncompatiblePolicyException",
            "Expiration notification policies are missing expiration policy",
            400,
        )

    @pytest.mark.parametrize(
        "policy, message",
        [
            ({"Type": "Expiration", "Version": "2.0", "Attributes": {}},
             "Unsupported policy version."),
            ({"Type": "Expiration", "Version": "1.0"},
             "Mandatory policy attribute Attributes is missing."),
            ({"Type": "Expiration", "Version": "1.0", "Attributes": {}},
             "A valid Expiration policy must have an attribute of Timestamp."),
            ({"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": "tomorrow"}},
             "Invalid timestamp format"),
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "2031-01-01T00:00:00"}}, "Invalid timestamp format"),
            # Forms Python 3.11's fromisoformat reads but Java's ISO_OFFSET_DATE_TIME refuses.
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "20310101T000000Z"}}, "Invalid timestamp format"),
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "2031-01-01 00:00:00Z"}}, "Invalid timestamp format"),
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "2031-01-01T00:00:00+19:00"}},
             "Invalid timestamp format"),
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "2031-02-30T00:00:00Z"}}, "Invalid timestamp format"),
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "2029-01-01T00:00:00Z"}},
             "Expiration timestamp must be in the future."),
            ({"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "0001-01-01T00:00:00+05:00"}},
             "Expiration timestamp must be in the future."),
            (notification("NoChangeNotification", "After", "0"),
             "Attribute After must be a positive integer."),
            ({"Type": "NoChangeNotification", "Version": "1.0", "Attributes": {"Unit": "Days"}},
             "Mandatory policy attribute After is missing."),
            (notification("NoChangeNotification", "After", "1", "Weeks"),
             "Supported time units: DAYS HOURS"),
        ],
    )
    def test_bad_attributes(self, frozen, put, aws_error, policy, message):
        assert aws_error(put_policies, put, [policy]) == (
            "InvalidPolicyAttributeException", message, 400
        )

    def test_intervals_and_timestamps_beyond_the_calendar_are_accepted(
        self, frozen, put, ssm_client
    ):
        huge = "9" * 20
        policies = [
            {"Type": "Expiration", "Version": "1.0",
             "Attributes": {"Timestamp": "9999-12-31T23:59:59-05:00"}},
            notification("ExpirationNotification", "Before", huge),
            notification("NoChangeNotification", "After", huge, "Hours"),
        ]
        put_policies(put, policies)
        shown = ssm_client.describe_parameters()["Parameters"][0]["Policies"]
        assert [p["PolicyStatus"] for p in shown] == ["Pending", "Finished", "Pending"]

    @pytest.mark.parametrize("stamp", [
        "2030-06-01T22:13Z", "2030-06-01t22:13:48.123456789z", "2030-06-01T22:13:48.5-03:00",
        "2030-06-01T22:13:48+05:30:15",
    ])
    def test_every_iso_offset_date_time_form_is_accepted(self, frozen, put, stamp):
        # Java's ISO_OFFSET_DATE_TIME: seconds optional, 0-9 fraction digits, any case.
        policy = {"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": stamp}}
        assert put_policies(put, [policy])["Tier"] == "Advanced"

    def test_offset_timestamps_are_accepted(self, frozen, put):
        policy = {"Type": "Expiration", "Version": "1.0",
                  "Attributes": {"Timestamp": "2030-06-01T22:13:48.87+10:30"}}
        assert put_policies(put, [policy])["Tier"] == "Advanced"
