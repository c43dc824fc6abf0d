"""A state that uses every kind of data a snapshot must keep, built through boto3."""

import datetime as _dt
import json

import boto3

from kv_mock.rotators import random_value

ROTATION_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
OTHER_ACCOUNT = "210987654321"
START = _dt.datetime(2030, 1, 1, tzinfo=_dt.timezone.utc)
#: When /app/temp's Expiration policy deletes it.
EXPIRES = START + _dt.timedelta(days=2)
#: The recovery window of the deleted secret ``old``.
RECOVERY_DAYS = 7
TIER_SETTING = "/ssm/parameter-store/default-parameter-tier"
RESOURCE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": "secretsmanager:GetSecretValue",
        "Resource": "*",
    }],
}


def _expiration(at):
    return json.dumps(
        [{"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": at.isoformat()}}]
    )


def build(kv):
    """Parameters (versions, labels, tags, policies, tiers), secrets (versions, stages,
    tags, scheduled deletion, rotation, resource policy, replication), a KMS key, a service
    setting, a second region and a second account."""
    kv.clock.freeze(START)
    kv.rotation_function(ROTATION_LAMBDA, random_value)
    key_id = kv.create_kms_key("alias/app")
    kv.create_kms_key("alias/elsewhere", account_id=OTHER_ACCOUNT, region="eu-west-1")
    ssm = boto3.client("ssm", region_name="us-east-1")
    ssm.put_parameter(
        Name="/app/db/host", Value="db1", Type="String", Tags=[{"Key": "team", "Value": "a"}]
    )
    ssm.put_parameter(Name="/app/db/host", Value="db2", Type="String", Overwrite=True)
    ssm.label_parameter_version(Name="/app/db/host", ParameterVersion=1, Labels=["first"])
    ssm.put_parameter(
        Name="/app/db/password", Value='pw\n"$x', Type="SecureString", KeyId="alias/app"
    )
    ssm.put_parameter(Name="/app/list", Value="a,b,c", Type="StringList", Description="three")
    ssm.put_parameter(
        Name="/app/temp", Value="soon gone", Type="String", Tier="Advanced",
        Policies=_expiration(EXPIRES),
    )
    ssm.put_parameter(Name="/app/shared", Value="for all", Type="String", Tier="Advanced")
    ssm.put_resource_policy(  # shared with the second account
        ResourceArn="arn:aws:ssm:us-east-1:123456789012:parameter/app/shared",
        Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": OTHER_ACCOUNT},
            "Action": "ssm:GetParameter", "Resource": "*",
        }]}),
    )
    ssm.update_service_setting(SettingId=TIER_SETTING, SettingValue="Advanced")
    eu_ssm = boto3.client("ssm", region_name="eu-west-1")
    eu_ssm.put_parameter(Name="/eu/only", Value="eu", Type="String")
    manager = boto3.client("secretsmanager", region_name="us-east-1")
    manager.create_secret(
        Name="app/api", SecretString="v1", KmsKeyId=key_id, Tags=[{"Key": "k", "Value": "v"}]
    )
    manager.put_secret_value(SecretId="app/api", SecretString="v2")
    manager.put_secret_value(SecretId="app/api", SecretBinary=b"\x00\xff", VersionStages=["CUSTOM"])
    manager.put_resource_policy(SecretId="app/api", ResourcePolicy=json.dumps(RESOURCE_POLICY))
    manager.create_secret(Name="app/rotated", SecretString="start")
    manager.rotate_secret(
        SecretId="app/rotated", RotationLambdaARN=ROTATION_LAMBDA,
        RotationRules={"AutomaticallyAfterDays": 30},
    )
    manager.create_secret(Name="app/replicated", SecretString="everywhere")
    manager.create_secret(Name="old", SecretString="bye")
    manager.delete_secret(SecretId="old", RecoveryWindowInDays=RECOVERY_DAYS)
    kv.advance(days=1)  # reads below stamp a later LastAccessedDate
    manager.batch_get_secret_value(Filters=[{"Key": "name", "Values": ["app/"]}])
    ssm.get_parameter(Name="/aws/reference/secretsmanager/app/rotated", WithDecryption=True)
    manager.replicate_secret_to_regions(
        SecretId="app/replicated", AddReplicaRegions=[{"Region": "eu-west-1"}]
    )


def responses():
    """What a client sees of the scenario's state, for before/after comparisons."""
    ssm = boto3.client("ssm", region_name="us-east-1")
    manager = boto3.client("secretsmanager", region_name="us-east-1")
    eu_manager = boto3.client("secretsmanager", region_name="eu-west-1")
    seen = {
        "history": ssm.get_parameter_history(Name="/app/db/host")["Parameters"],
        "by_path": ssm.get_parameters_by_path(
            Path="/app", Recursive=True, WithDecryption=True
        )["Parameters"],
        "describe": ssm.describe_parameters()["Parameters"],
        "tags": ssm.list_tags_for_resource(
            ResourceType="Parameter", ResourceId="/app/db/host"
        )["TagList"],
        "setting": ssm.get_service_setting(SettingId=TIER_SETTING)["ServiceSetting"],
        "eu": boto3.client("ssm", region_name="eu-west-1").get_parameter(Name="/eu/only"),
        "secrets": manager.list_secrets(IncludePlannedDeletion=True)["SecretList"],
        "versions": manager.list_secret_version_ids(
            SecretId="app/api", IncludeDeprecated=True
        )["Versions"],
        "policy": manager.get_resource_policy(SecretId="app/api")["ResourcePolicy"],
        "parameter_policies": ssm.get_resource_policies(
            ResourceArn="arn:aws:ssm:us-east-1:123456789012:parameter/app/shared"
        )["Policies"],
        "rotated": manager.describe_secret(SecretId="app/rotated"),
        "replicated": manager.describe_secret(SecretId="app/replicated"),
        "replica": eu_manager.describe_secret(SecretId="app/replicated"),
    }
    for item in ("eu", "rotated", "replicated", "replica"):
        seen[item].pop("ResponseMetadata")
    return seen
