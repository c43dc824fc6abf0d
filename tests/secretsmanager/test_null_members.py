"""A member a client sends as JSON null counts as not sent, as AWS reads the body."""


def test_null_password_length_means_the_default_length(raw_sm):
    password = raw_sm.get_random_password(PasswordLength=None)["RandomPassword"]
    assert len(password) == 32


def test_null_optional_members_are_ignored(raw_sm):
    raw_sm.create_secret(
        Name="db", SecretString="v", ClientRequestToken="t" * 32, Description=None, KmsKeyId=None
    )
    described = raw_sm.describe_secret(SecretId="db")
    assert "Description" not in described and "KmsKeyId" not in described


def test_null_required_member_must_not_be_null(raw_sm, aws_error):
    aws_error(
        lambda: raw_sm.describe_secret(SecretId=None),
        "ValidationException",
        "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: "
        "Member must not be null",
    )
