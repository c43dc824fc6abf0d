"""Replication: replicas in other regions, their status, refused writes, promotion, removal."""

import boto3
import pytest

from tests.aws_errors import error_of

REPLICA_REGION = "eu-west-1"
OTHER_REGION = "ap-southeast-2"
NOT_PERMITTED = (
    "InvalidParameterException",
    "Operation not permitted on a replica secret. Call must be made in primary secret's region.",
    400,
)
IN_SYNC = {"Status": "InSync", "StatusMessage": "Replication succeeded"}


@pytest.fixture
def replica_client(kayvee):
    return boto3.client("secretsmanager", region_name=REPLICA_REGION)


@pytest.fixture
def replicated(secretsmanager_client, secret):
    """``db`` in us-east-1, replicated to eu-west-1; returns the primary ARN."""
    secretsmanager_client.replicate_secret_to_regions(
        SecretId="db", AddReplicaRegions=[{"Region": REPLICA_REGION}]
    )
    return secret


def replica_arn_of(primary_arn, region=REPLICA_REGION):
    return primary_arn.replace(":us-east-1:", f":{region}:")


def test_replicate_returns_the_status_of_each_replica(secretsmanager_client, secret):
    response = secretsmanager_client.replicate_secret_to_regions(
        SecretId="db",
        AddReplicaRegions=[
            {"Region": REPLICA_REGION}, {"Region": OTHER_REGION, "KmsKeyId": "alias/k"},
        ],
    )

    assert response["ARN"] == secret
    assert response["ReplicationStatus"] == [
        {"Region": OTHER_REGION, "KmsKeyId": "alias/k", **IN_SYNC},
        {"Region": REPLICA_REGION, **IN_SYNC},
    ]


def test_replica_is_readable_in_its_region_with_its_own_arn(replicated, replica_client):
    value = replica_client.get_secret_value(SecretId="db")

    assert value["ARN"] == replica_arn_of(replicated)
    assert value["SecretString"] == "initial"


def test_replica_arn_keeps_the_name_and_suffix(replicated, replica_client):
    assert replica_client.describe_secret(SecretId=replica_arn_of(replicated))["ARN"] == (
        replica_arn_of(replicated)
    )


def test_describe_shows_primary_region_and_replication_status(
    secretsmanager_client, replicated, replica_client
):
    primary = secretsmanager_client.describe_secret(SecretId="db")
    replica = replica_client.describe_secret(SecretId="db")

    assert primary["PrimaryRegion"] == "us-east-1"
    assert primary["ReplicationStatus"] == [{"Region": REPLICA_REGION, **IN_SYNC}]
    assert replica["PrimaryRegion"] == "us-east-1"
    assert "ReplicationStatus" not in replica


def test_unreplicated_secret_has_no_replication_members(secretsmanager_client, secret):
    described = secretsmanager_client.describe_secret(SecretId="db")

    assert not {"PrimaryRegion", "ReplicationStatus"} & set(described)


def test_values_written_to_the_primary_reach_the_replica(
    secretsmanager_client, replicated, replica_client
):
    version = secretsmanager_client.put_secret_value(SecretId="db", SecretString="second")

    value = replica_client.get_secret_value(SecretId="db")
    assert (value["VersionId"], value["SecretString"]) == (version["VersionId"], "second")


def test_metadata_written_to_the_primary_reaches_the_replica(
    secretsmanager_client, replicated, replica_client
):
    secretsmanager_client.update_secret(SecretId="db", Description="the database")
    secretsmanager_client.tag_resource(SecretId="db", Tags=[{"Key": "team", "Value": "core"}])

    replica = replica_client.describe_secret(SecretId="db")
    assert replica["Description"] == "the database"
    assert replica["Tags"] == [{"Key": "team", "Value": "core"}]


@pytest.mark.parametrize(
    ("operation", "arguments"),
    [
        ("put_secret_value", {"SecretString": "x"}),
        ("update_secret", {"Description": "x"}),
        ("delete_secret", {}),
        ("tag_resource", {"Tags": [{"Key": "k", "Value": "v"}]}),
        ("untag_resource", {"TagKeys": ["k"]}),
        ("put_resource_policy", {"ResourcePolicy": '{"Statement": []}'}),
        ("delete_resource_policy", {}),
        ("rotate_secret", {"RotationLambdaARN": "arn:aws:lambda:eu-west-1:1:function:f"}),
        ("cancel_rotate_secret", {}),
        ("restore_secret", {}),
        ("replicate_secret_to_regions", {"AddReplicaRegions": [{"Region": OTHER_REGION}]}),
        ("remove_regions_from_replication", {"RemoveReplicaRegions": [OTHER_REGION]}),
    ],
)
def test_writes_to_a_replica_are_refused(replicated, replica_client, operation, arguments):
    with pytest.raises(replica_client.exceptions.InvalidParameterException) as err:
        getattr(replica_client, operation)(SecretId="db", **arguments)

    assert error_of(err) == NOT_PERMITTED


def test_deleting_a_primary_with_replicas_is_refused(secretsmanager_client, replicated):
    secretsmanager_client.replicate_secret_to_regions(
        SecretId="db", AddReplicaRegions=[{"Region": OTHER_REGION}]
    )

    for force in (False, True):
        with pytest.raises(secretsmanager_client.exceptions.InvalidParameterException) as err:
            secretsmanager_client.delete_secret(SecretId="db", ForceDeleteWithoutRecovery=force)

        assert error_of(err) == (
            "InvalidParameterException",
            f"You can't delete secret {replicated} that still has replica regions "
            f"[{OTHER_REGION}, {REPLICA_REGION}].",
            400,
        )


def test_replicating_to_the_primary_region_is_refused(secretsmanager_client, secret):
    with pytest.raises(secretsmanager_client.exceptions.InvalidParameterException) as err:
        secretsmanager_client.replicate_secret_to_regions(
            SecretId="db", AddReplicaRegions=[{"Region": "us-east-1"}]
        )

    assert error_of(err) == ("InvalidParameterException", "Invalid replica region.", 400)
    assert "PrimaryRegion" not in secretsmanager_client.describe_secret(SecretId="db")


def test_name_taken_in_the_target_region_fails_that_replica(
    secretsmanager_client, secret, replica_client
):
    replica_client.create_secret(Name="db", SecretString="theirs")

    response = secretsmanager_client.replicate_secret_to_regions(
        SecretId="db", AddReplicaRegions=[{"Region": REPLICA_REGION}]
    )

    assert response["ReplicationStatus"] == [{
        "Region": REPLICA_REGION, "Status": "Failed",
        # AWS's words as moto's test quotes them (medium confidence).
        "StatusMessage": f"Replication failed: Secret name db already exists in region {REPLICA_REGION}.",
    }]
    assert replica_client.get_secret_value(SecretId="db")["SecretString"] == "theirs"


def test_force_overwrite_replaces_the_secret_in_the_target_region(
    secretsmanager_client, secret, replica_client
):
    replica_client.create_secret(Name="db", SecretString="theirs")

    response = secretsmanager_client.replicate_secret_to_regions(
        SecretId="db", AddReplicaRegions=[{"Region": REPLICA_REGION}],
        ForceOverwriteReplicaSecret=True,
    )

    assert response["ReplicationStatus"] == [{"Region": REPLICA_REGION, **IN_SYNC}]
    value = replica_client.get_secret_value(SecretId="db")
    assert (value["ARN"], value["SecretString"]) == (replica_arn_of(secret), "initial")


def test_create_secret_with_replica_regions(secretsmanager_client, clock, replica_client):
    response = secretsmanager_client.create_secret(
        Name="db", SecretString="v", AddReplicaRegions=[{"Region": REPLICA_REGION}]
    )

    assert response["ReplicationStatus"] == [{"Region": REPLICA_REGION, **IN_SYNC}]
    assert replica_client.get_secret_value(SecretId="db")["ARN"] == replica_arn_of(response["ARN"])


def test_create_secret_replicating_to_its_own_region_creates_nothing(
    secretsmanager_client, clock
):
    with pytest.raises(secretsmanager_client.exceptions.InvalidParameterException):
        secretsmanager_client.create_secret(
            Name="db", SecretString="v", AddReplicaRegions=[{"Region": "us-east-1"}]
        )

    assert secretsmanager_client.list_secrets()["SecretList"] == []


def test_remove_regions_deletes_the_replica(secretsmanager_client, replicated, replica_client):
    response = secretsmanager_client.remove_regions_from_replication(
        SecretId="db", RemoveReplicaRegions=[REPLICA_REGION]
    )

    assert (response["ARN"], response["ReplicationStatus"]) == (replicated, [])
    with pytest.raises(replica_client.exceptions.ResourceNotFoundException):
        replica_client.get_secret_value(SecretId="db")
    assert "PrimaryRegion" not in secretsmanager_client.describe_secret(SecretId="db")


def test_remove_returns_the_remaining_replicas(secretsmanager_client, replicated):
    secretsmanager_client.replicate_secret_to_regions(
        SecretId="db", AddReplicaRegions=[{"Region": OTHER_REGION}]
    )

    response = secretsmanager_client.remove_regions_from_replication(
        SecretId="db", RemoveReplicaRegions=[REPLICA_REGION]
    )

    assert response["ReplicationStatus"] == [{"Region": OTHER_REGION, **IN_SYNC}]


def test_removing_a_region_without_a_replica_is_refused(secretsmanager_client, replicated):
    with pytest.raises(secretsmanager_client.exceptions.InvalidParameterException) as err:
        secretsmanager_client.remove_regions_from_replication(
            SecretId="db", RemoveReplicaRegions=[OTHER_REGION]
        )

    assert error_of(err) == (
        "InvalidParameterException", f"The secret is not replicated to region {OTHER_REGION}.", 400,
    )


def test_stop_replication_promotes_the_replica(
    secretsmanager_client, replicated, replica_client
):
    response = replica_client.stop_replication_to_replica(SecretId="db")

    assert response["ARN"] == replica_arn_of(replicated)
    replica_client.put_secret_value(SecretId="db", SecretString="independent")
    assert replica_client.get_secret_value(SecretId="db")["SecretString"] == "independent"
    assert secretsmanager_client.get_secret_value(SecretId="db")["SecretString"] == "initial"
    assert "PrimaryRegion" not in replica_client.describe_secret(SecretId="db")
    assert "ReplicationStatus" not in secretsmanager_client.describe_secret(SecretId="db")


def test_stop_replication_on_a_secret_that_is_not_a_replica_is_refused(
    secretsmanager_client, replicated
):
    with pytest.raises(secretsmanager_client.exceptions.InvalidRequestException) as err:
        secretsmanager_client.stop_replication_to_replica(SecretId="db")

    assert error_of(err) == (
        "InvalidRequestException", "The secret is not a replica secret.", 400,
    )


@pytest.mark.parametrize(
    ("operation", "arguments"),
    [
        ("replicate_secret_to_regions", {"AddReplicaRegions": [{"Region": REPLICA_REGION}]}),
        ("remove_regions_from_replication", {"RemoveReplicaRegions": [REPLICA_REGION]}),
        ("stop_replication_to_replica", {}),
    ],
)
def test_unknown_secret_is_not_found(secretsmanager_client, clock, operation, arguments):
    with pytest.raises(secretsmanager_client.exceptions.ResourceNotFoundException) as err:
        getattr(secretsmanager_client, operation)(SecretId="nope", **arguments)

    assert error_of(err) == (
        "ResourceNotFoundException", "Secrets Manager can't find the specified secret.", 400,
    )


def test_invalid_region_name_is_a_validation_error(secretsmanager_client, secret):
    with pytest.raises(secretsmanager_client.exceptions.ClientError) as err:
        secretsmanager_client.replicate_secret_to_regions(
            SecretId="db", AddReplicaRegions=[{"Region": "Not A Region"}]
        )

    assert error_of(err)[0] == "ValidationException"


def test_replication_survives_snapshot_and_restore(
    kayvee, secretsmanager_client, replicated, replica_client
):
    document = kayvee.snapshot()
    secretsmanager_client.remove_regions_from_replication(
        SecretId="db", RemoveReplicaRegions=[REPLICA_REGION]
    )

    kayvee.restore(document)

    assert replica_client.describe_secret(SecretId="db")["PrimaryRegion"] == "us-east-1"
    secretsmanager_client.put_secret_value(SecretId="db", SecretString="after restore")
    assert replica_client.get_secret_value(SecretId="db")["SecretString"] == "after restore"


def test_rotation_of_the_primary_reaches_the_replica(
    kayvee, secretsmanager_client, replicated, replica_client
):
    import kv_mock.rotators

    lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
    kayvee.rotation_function(lambda_arn, kv_mock.rotators.random_value)

    rotated = secretsmanager_client.rotate_secret(
        SecretId="db", RotationLambdaARN=lambda_arn, RotationRules={"AutomaticallyAfterDays": 7}
    )

    replica = replica_client.describe_secret(SecretId="db")
    assert replica["VersionIdsToStages"][rotated["VersionId"]] == ["AWSCURRENT", "AWSPENDING"]
    assert (replica["RotationEnabled"], replica["LastRotatedDate"]) == (
        True, secretsmanager_client.describe_secret(SecretId="db")["LastRotatedDate"],
    )


def test_restore_reproduces_a_snapshot_taken_while_a_replica_lags(
    secretsmanager_client, replicated, replica_client, kayvee
):
    # A write schedules the replica's catch-up for the next call: it is still owed here.
    secretsmanager_client.put_secret_value(SecretId="db", SecretString="newer")
    document = kayvee.snapshot()
    kayvee.restore(document)
    assert kayvee.snapshot() == document
    assert replica_client.get_secret_value(SecretId="db")["SecretString"] == "newer"
