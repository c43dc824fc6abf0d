"""Resource policies: Put/Get/Delete/ValidateResourcePolicy, malformed and public policies."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.aws_errors import error_of

ROLE = "arn:aws:iam::123456789012:role/app"


def policy(principal=None, **statement):
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": principal if principal is not None else {"AWS": ROLE},
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*",
            **statement,
        }],
    })


PRIVATE = policy()
PUBLIC_POLICIES = [policy("*"), policy({"AWS": "*"}), policy({"AWS": [ROLE, "*"]})]


def test_put_then_get_returns_the_policy(secretsmanager_client, secret):
    put = secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=PRIVATE)
    got = secretsmanager_client.get_resource_policy(SecretId="db")

    assert (put["ARN"], put["Name"]) == (secret, "db")
    assert (got["ARN"], got["Name"], json.loads(got["ResourcePolicy"])) == (
        secret, "db", json.loads(PRIVATE),
    )


def test_get_without_a_policy_omits_resource_policy(secretsmanager_client, secret):
    got = secretsmanager_client.get_resource_policy(SecretId="db")

    assert "ResourcePolicy" not in got
    assert got["Name"] == "db"


def test_delete_removes_the_policy(secretsmanager_client, secret):
    secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=PRIVATE)

    deleted = secretsmanager_client.delete_resource_policy(SecretId="db")

    assert (deleted["ARN"], deleted["Name"]) == (secret, "db")
    assert "ResourcePolicy" not in secretsmanager_client.get_resource_policy(SecretId="db")


def test_delete_without_a_policy_succeeds(secretsmanager_client, secret):
    assert secretsmanager_client.delete_resource_policy(SecretId="db")["ARN"] == secret


MALFORMED = [
    "not json",
    "[]",
    json.dumps({"Version": "2019-10-19", "Statement": json.loads(PRIVATE)["Statement"]}),
    json.dumps({"Version": "2012-10-17"}),
    json.dumps({"Version": "2012-10-17", "Statement": []}),
    json.dumps({"Version": "2012-10-17", "Statement": ["text"]}),
    json.dumps({"Version": "2012-10-17", "Statement": [], "Extra": 1}),
    policy(Effect="Permit"),
    policy(Action=None),
    policy(Action=[]),
    policy(NotAction="secretsmanager:*"),
    policy(Condition="x"),
    policy(Colour="blue"),
    json.dumps({"Statement": {"Effect": "Allow", "Action": "secretsmanager:*"}}),
]


@pytest.mark.parametrize("document", MALFORMED)
@pytest.mark.parametrize("operation", ["put_resource_policy", "validate_resource_policy"])
def test_malformed_policy_is_refused(secretsmanager_client, secret, document, operation):
    with pytest.raises(secretsmanager_client.exceptions.MalformedPolicyDocumentException) as err:
        getattr(secretsmanager_client, operation)(SecretId="db", ResourcePolicy=document)

    assert error_of(err) == (
        "MalformedPolicyDocumentException", "This policy has invalid syntax.", 400,
    )


def test_single_statement_object_without_version_is_well_formed(secretsmanager_client, secret):
    document = json.dumps({"Statement": json.loads(PRIVATE)["Statement"][0]})

    secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=document)

    assert secretsmanager_client.get_resource_policy(SecretId="db")["ResourcePolicy"] == document


@pytest.mark.parametrize("document", PUBLIC_POLICIES)
def test_block_public_policy_refuses_a_public_policy(secretsmanager_client, secret, document):
    with pytest.raises(secretsmanager_client.exceptions.PublicPolicyException) as err:
        secretsmanager_client.put_resource_policy(
            SecretId="db", ResourcePolicy=document, BlockPublicPolicy=True
        )

    assert error_of(err) == (
        "PublicPolicyException",
        "The BlockPublicPolicy parameter is set to true, and the resource policy did not "
        "prevent broad access to the secret.",
        400,
    )
    assert "ResourcePolicy" not in secretsmanager_client.get_resource_policy(SecretId="db")


@pytest.mark.parametrize("document", PUBLIC_POLICIES)
def test_public_policy_is_accepted_without_block_public_policy(
    secretsmanager_client, secret, document
):
    secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=document)

    assert secretsmanager_client.get_resource_policy(SecretId="db")["ResourcePolicy"] == document


@pytest.mark.parametrize(
    "document",
    [
        PRIVATE,
        policy("*", Condition={"StringEquals": {"aws:PrincipalAccount": "123456789012"}}),
        policy("*", Effect="Deny"),
    ],
)
def test_block_public_policy_accepts_a_policy_without_broad_access(
    secretsmanager_client, secret, document
):
    secretsmanager_client.put_resource_policy(
        SecretId="db", ResourcePolicy=document, BlockPublicPolicy=True
    )

    assert secretsmanager_client.get_resource_policy(SecretId="db")["ResourcePolicy"] == document


def test_validate_passes_a_private_policy(secretsmanager_client, secret):
    result = secretsmanager_client.validate_resource_policy(SecretId="db", ResourcePolicy=PRIVATE)

    assert (result["PolicyValidationPassed"], result["ValidationErrors"]) == (True, [])


def test_validate_reports_broad_access(secretsmanager_client, secret):
    result = secretsmanager_client.validate_resource_policy(
        SecretId="db", ResourcePolicy=policy("*")
    )

    assert result["PolicyValidationPassed"] is False
    assert result["ValidationErrors"] == [{
        "CheckName": "BROAD_ACCESS",
        "ErrorMessage": "The resource policy grants broad access to the secret.",
    }]


def test_validate_without_a_secret_id(secretsmanager_client, clock):
    result = secretsmanager_client.validate_resource_policy(ResourcePolicy=PRIVATE)

    assert result["PolicyValidationPassed"] is True


def test_validate_does_not_attach_the_policy(secretsmanager_client, secret):
    secretsmanager_client.validate_resource_policy(SecretId="db", ResourcePolicy=PRIVATE)

    assert "ResourcePolicy" not in secretsmanager_client.get_resource_policy(SecretId="db")


@pytest.mark.parametrize(
    ("operation", "extra"),
    [
        ("get_resource_policy", {}),
        ("delete_resource_policy", {}),
        ("put_resource_policy", {"ResourcePolicy": PRIVATE}),
        ("validate_resource_policy", {"ResourcePolicy": PRIVATE}),
    ],
)
def test_unknown_secret_is_not_found(secretsmanager_client, clock, operation, extra):
    with pytest.raises(secretsmanager_client.exceptions.ResourceNotFoundException) as err:
        getattr(secretsmanager_client, operation)(SecretId="nope", **extra)

    assert error_of(err) == (
        "ResourceNotFoundException", "Secrets Manager can't find the specified secret.", 400,
    )


@pytest.mark.parametrize(
    ("operation", "extra"),
    [
        ("get_resource_policy", {}),
        ("delete_resource_policy", {}),
        ("put_resource_policy", {"ResourcePolicy": PRIVATE}),
    ],
)
def test_secret_marked_for_deletion_is_refused(
    secretsmanager_client, secret, operation, extra
):
    secretsmanager_client.delete_secret(SecretId="db")

    with pytest.raises(secretsmanager_client.exceptions.InvalidRequestException) as err:
        getattr(secretsmanager_client, operation)(SecretId="db", **extra)

    assert error_of(err) == (
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
        400,
    )


def test_policy_over_20480_characters_is_a_validation_error(secretsmanager_client, secret):
    with pytest.raises(secretsmanager_client.exceptions.ClientError) as err:
        secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=" " * 20481)

    code, message, status = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert message.endswith("Member must have length less than or equal to 20480")


KEYS = st.sampled_from([
    "Version", "Statement", "Effect", "Principal", "NotPrincipal", "Action", "Resource",
    "Condition", "AWS", "Sid", "other",
])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(["*", "Allow", "2012-10-17"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=50, deadline=None)
@given(document=st.text(min_size=1, max_size=100) | JSON.map(json.dumps))
def test_any_document_is_validated_or_refused_never_crashes(document):
    import boto3

    from kv_mock import mock_kayvee

    with mock_kayvee():
        client = boto3.client("secretsmanager", region_name="us-east-1")
        try:
            result = client.validate_resource_policy(ResourcePolicy=document)
        except client.exceptions.MalformedPolicyDocumentException:
            return
        assert isinstance(result["PolicyValidationPassed"], bool)
