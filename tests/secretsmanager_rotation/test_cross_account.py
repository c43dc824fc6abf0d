"""Cross-account replicas (botocore >= 1.44.2), between accounts the access keys play.

The replica account creates the replica (no value, a customer managed key); the primary
account associates it; the primary's versions then reach the replica. Disassociating
leaves the replica Detached; StopReplicationToReplica makes it standalone.
"""

import json

import boto3
import pytest

from tests.aws_errors import error_of_call
from tests.newest_models import needs_operation

pytestmark = needs_operation("secretsmanager", "AssociateCrossAccountReplica", "1.44.2")

REGION = "eu-west-1"
PRIMARY_ACCOUNT, REPLICA_ACCOUNT = "111111111111", "222222222222"


def _client(account):
    return boto3.client("secretsmanager", region_name=REGION, aws_access_key_id=account,
                        aws_secret_access_key="secret")


@pytest.fixture
def primary_account(kayvee):
    return _client(PRIMARY_ACCOUNT)


@pytest.fixture
def replica_account(kayvee):
    kayvee.create_kms_key("alias/replica", region=REGION, account_id=REPLICA_ACCOUNT)
    return _client(REPLICA_ACCOUNT)


@pytest.fixture
def primary(primary_account):
    return primary_account.create_secret(Name="db", SecretString="v1")["ARN"]


@pytest.fixture
def replica(replica_account, primary):
    return replica_account.create_secret(
        Name="db-copy", CrossAccountPrimaryARN=primary, KmsKeyId="alias/replica")["ARN"]


@pytest.fixture
def associated(primary_account, replica):
    """The primary's account has associated the replica."""
    primary_account.associate_cross_account_replica(SecretId="db", CrossAccountReplicaARN=replica)
    return replica


def _value(client, secret_id):
    return client.get_secret_value(SecretId=secret_id)["SecretString"]


def test_a_new_replica_is_pending_with_no_value_and_a_managed_policy(
    replica_account, primary, replica
):
    described = replica_account.describe_secret(SecretId=replica)
    assert described["CrossAccountPrimary"] == {
        "PrimarySecretARN": primary, "ReplicationStatus": "Pending"}
    assert "VersionIdsToStages" not in described
    # "Secrets Manager attaches a managed resource policy named cross-account-replication
    # to the replica when you create it" (AWS's guide).
    policies = replica_account.list_resource_policies(SecretId=replica)["ResourcePolicies"]
    assert policies == [{"PolicyName": "cross-account-replication"}]
    managed = replica_account.get_resource_policy(
        SecretId=replica, PolicyName="cross-account-replication")["ResourcePolicy"]
    assert PRIMARY_ACCOUNT in json.loads(managed)["Statement"][0]["Principal"]["AWS"]
    assert "ResourcePolicy" not in replica_account.get_resource_policy(SecretId=replica)


def test_association_copies_the_value_and_later_changes(
    primary_account, replica_account, primary, replica
):
    response = primary_account.associate_cross_account_replica(
        SecretId="db", CrossAccountReplicaARN=replica)
    assert (response["ARN"], response["CrossAccountReplicaARN"]) == (primary, replica)
    assert response["ReplicationStatus"] == "InSync"
    assert _value(replica_account, replica) == "v1"
    primary_account.put_secret_value(SecretId="db", SecretString="v2")
    assert _value(replica_account, replica) == "v2"
    assert replica_account.get_secret_value(
        SecretId=replica, VersionStage="AWSPREVIOUS")["SecretString"] == "v1"
    assert primary_account.describe_secret(SecretId="db")["CrossAccountReplicas"] == [
        {"ReplicaSecretARN": replica, "ReplicationStatus": "InSync"}]
    assert replica_account.describe_secret(SecretId=replica)["CrossAccountPrimary"] == {
        "PrimarySecretARN": primary, "ReplicationStatus": "InSync"}


def test_association_is_idempotent_and_keeps_the_role(primary_account, primary, replica):
    role = f"arn:aws:iam::{PRIMARY_ACCOUNT}:role/replicator"
    for _ in range(2):
        primary_account.associate_cross_account_replica(
            SecretId="db", CrossAccountReplicaARN=replica, ReplicationRoleARN=role)
    assert primary_account.describe_secret(SecretId="db")["CrossAccountReplicas"] == [
        {"ReplicaSecretARN": replica, "ReplicationRoleARN": role, "ReplicationStatus": "InSync"}]


def test_the_replica_keeps_its_own_description_tags_and_key(
    kayvee, primary_account, replica_account, primary, replica, associated
):
    primary_account.update_secret(SecretId="db", Description="primary's")
    replica_account.tag_resource(SecretId=replica, Tags=[{"Key": "team", "Value": "b"}])
    described = replica_account.describe_secret(SecretId=replica)
    assert "Description" not in described and described["KmsKeyId"] == "alias/replica"
    versions = replica_account.list_secret_version_ids(SecretId=replica)["Versions"]
    assert [v["KmsKeyIds"] for v in versions] == [["alias/replica"]]


def test_a_linked_replica_refuses_value_writes(replica_account, replica, associated):
    code, _, _ = error_of_call(
        replica_account.put_secret_value, SecretId=replica, SecretString="mine")
    assert code == "InvalidRequestException"


@pytest.mark.parametrize("extra", [
    {"SecretString": "v"}, {"Description": "d"},
    {"AddReplicaRegions": [{"Region": "us-west-2"}]},
])
def test_a_replica_may_not_carry_a_value_description_or_regions(
    replica_account, primary, extra
):
    # The model: "You can't include SecretString, SecretBinary, Description,
    # AddReplicaRegions, or Type."
    code, _, _ = error_of_call(
        replica_account.create_secret, Name="r", CrossAccountPrimaryARN=primary,
        KmsKeyId="alias/replica", **extra)
    assert code == "InvalidParameterException"


@pytest.mark.parametrize("key", [None, "alias/aws/secretsmanager"])
def test_a_replica_needs_a_customer_managed_key(replica_account, primary, key):
    extra = {"KmsKeyId": key} if key else {}
    code, _, _ = error_of_call(
        replica_account.create_secret, Name="r", CrossAccountPrimaryARN=primary, **extra)
    assert code == "InvalidParameterException"


def test_the_primary_must_be_in_another_account_and_this_region(
    primary_account, replica_account, primary
):
    same_account = primary_account.create_secret
    code, _, _ = error_of_call(same_account, Name="r", CrossAccountPrimaryARN=primary,
                               KmsKeyId="alias/replica")
    assert code == "InvalidParameterException"
    elsewhere = primary.replace(REGION, "us-west-2")
    code, _, _ = error_of_call(replica_account.create_secret, Name="r",
                               CrossAccountPrimaryARN=elsewhere, KmsKeyId="alias/replica")
    assert code == "InvalidParameterException"


def test_only_a_replica_made_for_this_primary_can_be_associated(
    primary_account, replica_account, primary
):
    plain = replica_account.create_secret(Name="plain", SecretString="x")["ARN"]
    code, _, _ = error_of_call(primary_account.associate_cross_account_replica,
                               SecretId="db", CrossAccountReplicaARN=plain)
    assert code == "InvalidRequestException"
    missing = plain.replace("plain", "gone")
    code, _, _ = error_of_call(primary_account.associate_cross_account_replica,
                               SecretId="db", CrossAccountReplicaARN=missing)
    assert code == "ResourceNotFoundException"


def test_a_primary_has_at_most_one_cross_account_replica(
    primary_account, replica_account, primary, replica, associated
):
    second = replica_account.create_secret(
        Name="second", CrossAccountPrimaryARN=primary, KmsKeyId="alias/replica")["ARN"]
    code, _, _ = error_of_call(primary_account.associate_cross_account_replica,
                               SecretId="db", CrossAccountReplicaARN=second)
    assert code == "LimitExceededException"


def test_disassociation_detaches_the_replica_and_stops_updates(
    primary_account, replica_account, primary, replica, associated
):
    response = primary_account.disassociate_cross_account_replica(
        SecretId="db", CrossAccountReplicaARN=replica)
    assert response == {**response, "ARN": primary, "CrossAccountReplicaARN": replica}
    primary_account.put_secret_value(SecretId="db", SecretString="v2")
    assert _value(replica_account, replica) == "v1"
    assert replica_account.describe_secret(SecretId=replica)["CrossAccountPrimary"][
        "ReplicationStatus"] == "Detached"
    assert "CrossAccountReplicas" not in primary_account.describe_secret(SecretId="db")
    code, _, _ = error_of_call(primary_account.disassociate_cross_account_replica,
                               SecretId="db", CrossAccountReplicaARN=replica)
    assert code == "InvalidParameterException"


def test_stopping_on_the_replica_makes_it_standalone(
    primary_account, replica_account, primary, replica, associated
):
    assert replica_account.stop_replication_to_replica(SecretId=replica)["ARN"] == replica
    described = replica_account.describe_secret(SecretId=replica)
    assert "CrossAccountPrimary" not in described
    # "Secrets Manager removes the managed resource policy when you stop replication".
    assert replica_account.list_resource_policies(SecretId=replica)["ResourcePolicies"] == []
    replica_account.put_secret_value(SecretId=replica, SecretString="mine")
    assert _value(replica_account, replica) == "mine"
    assert primary_account.describe_secret(SecretId="db")["CrossAccountReplicas"][0][
        "ReplicationStatus"] == "Detached"


def test_a_primary_with_an_associated_replica_cannot_be_deleted(
    primary_account, replica, associated, primary
):
    code, _, _ = error_of_call(primary_account.delete_secret, SecretId="db")
    assert code == "InvalidRequestException"
    primary_account.disassociate_cross_account_replica(
        SecretId="db", CrossAccountReplicaARN=replica)
    primary_account.delete_secret(SecretId="db", ForceDeleteWithoutRecovery=True)


def test_list_secrets_entries_have_no_cross_account_members(replica_account, replica):
    entry = replica_account.list_secrets()["SecretList"][0]
    assert "CrossAccountPrimary" not in entry
