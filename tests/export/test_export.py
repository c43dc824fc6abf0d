"""kv.export_env(...): parameters and secrets to a dotenv file, named, quoted and ordered."""

import datetime as _dt
import io
import json

import boto3
import pytest
from hypothesis import assume, given, settings, strategies as st

from kv_mock import KvMockError
from kv_mock.errors import KvMockWarning
from kv_mock.envfile import env_name, quote, render

from .dotenv_reader import READERS, compose_parse, dotenv, python_dotenv_parse, tiny_parse


def _put(ssm_client, name, value, **options):
    ssm_client.put_parameter(Name=name, Value=value, Type=options.pop("Type", "String"), **options)


@pytest.fixture
def env_path(tmp_path):
    return tmp_path / ".env"


@pytest.mark.parametrize(
    "name, prefix, expected",
    [
        ("/app/db/password", "", "APP_DB_PASSWORD"),
        ("/app/db/password", "/app/", "DB_PASSWORD"),
        ("app/db-url.v2", "", "APP_DB_URL_V2"),
        ("prod/db", "prod/", "DB"),
        ("/app/1st", "/app/", "_1ST"),
        ("/app/café", "", "APP_CAF_"),
    ],
)
def test_names_map_to_variables(name, prefix, expected):
    assert env_name(name, prefix) == expected


def test_parameters_under_the_path_are_written_sorted_by_variable(kayvee, ssm_client, env_path):
    for name in ("/app/z", "/app/a/b", "/app/m", "/other/x"):
        _put(ssm_client, name, name)
    kayvee.export_env(env_path, parameters_path="/app")
    assert env_path.read_text() == 'APP_A_B="/app/a/b"\nAPP_M="/app/m"\nAPP_Z="/app/z"\n'


def test_strip_prefix_drops_the_path_from_names(kayvee, ssm_client, env_path):
    _put(ssm_client, "/app/db/password", "pw", Type="SecureString")
    written = kayvee.export_env(env_path, parameters_path="/app/", strip_prefix=True)
    assert written == {"DB_PASSWORD": "pw"}


def test_the_latest_version_of_a_parameter_is_written(kayvee, ssm_client, env_path):
    _put(ssm_client, "/app/x", "old")
    _put(ssm_client, "/app/x", "new", Overwrite=True)
    assert kayvee.export_env(env_path, parameters_path="/app") == {"APP_X": "new"}


def test_secrets_are_chosen_by_name_prefix(kayvee, secretsmanager_client, env_path):
    secretsmanager_client.create_secret(Name="prod/db", SecretString='{"user": "u"}')
    secretsmanager_client.create_secret(Name="dev/db", SecretString="dev")
    kayvee.export_env(env_path, secrets_prefix="prod/", strip_prefix=True)
    assert env_path.read_text() == 'DB="{\\"user\\": \\"u\\"}"\n'


def test_a_binary_secret_is_written_as_base64(kayvee, secretsmanager_client, env_path):
    secretsmanager_client.create_secret(Name="bin", SecretBinary=b"\x00\xff")
    assert kayvee.export_env(env_path, secrets_prefix="") == {"BIN": "AP8="}


def test_secrets_scheduled_for_deletion_are_left_out(kayvee, secretsmanager_client, env_path):
    secretsmanager_client.create_secret(Name="gone", SecretString="x")
    secretsmanager_client.create_secret(Name="kept", SecretString="y")
    secretsmanager_client.delete_secret(SecretId="gone")
    assert kayvee.export_env(env_path, secrets_prefix="") == {"KEPT": "y"}


def test_expired_parameters_are_left_out(kayvee, ssm_client, env_path):
    now = kayvee.clock.freeze(_dt.datetime(2030, 1, 1, tzinfo=_dt.timezone.utc))
    expires = (now + _dt.timedelta(hours=1)).isoformat()
    policy = [{"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": expires}}]
    _put(ssm_client, "/app/temp", "t", Tier="Advanced", Policies=json.dumps(policy))
    _put(ssm_client, "/app/kept", "k")
    kayvee.advance(hours=2)
    assert kayvee.export_env(env_path, parameters_path="/app") == {"APP_KEPT": "k"}


def test_two_entries_with_one_variable_name_are_an_error(
    kayvee, ssm_client, secretsmanager_client, env_path
):
    _put(ssm_client, "/app/db-url", "a")
    secretsmanager_client.create_secret(Name="app/db/url", SecretString="b")
    with pytest.raises(KvMockError) as error:
        kayvee.export_env(env_path, parameters_path="/app", secrets_prefix="app/")
    assert str(error.value) == (
        "parameter /app/db-url and secret app/db/url both map to the variable APP_DB_URL"
    )
    assert not env_path.exists()


def test_a_name_equal_to_the_stripped_prefix_is_an_error(kayvee, secretsmanager_client, env_path):
    secretsmanager_client.create_secret(Name="app", SecretString="x")
    with pytest.raises(KvMockError) as error:
        kayvee.export_env(env_path, secrets_prefix="app", strip_prefix=True)
    assert str(error.value) == "secret app maps to an empty variable name"


def test_exporting_an_empty_region_writes_an_empty_file_and_adds_no_backend(kayvee, env_path):
    with pytest.warns(KvMockWarning, match="nothing to export"):
        assert kayvee.export_env(env_path, parameters_path="/", region="ap-south-1") == {}
    assert env_path.read_text() == ""
    assert ("123456789012", "ap-south-1") not in kayvee.state.backends


def test_the_file_is_readable_by_its_owner_only(kayvee, env_path):
    with pytest.warns(KvMockWarning, match="nothing to export"):
        kayvee.export_env(env_path, secrets_prefix="")
    assert env_path.stat().st_mode & 0o777 == 0o600


def test_exporting_again_writes_identical_bytes(kayvee, ssm_client, env_path):
    for index in range(20):
        _put(ssm_client, f"/app/p{index}", f"v{index}\n\"$HOME\"")
    kayvee.export_env(env_path, parameters_path="/app")
    first = env_path.read_bytes()
    kayvee.advance(days=1)
    kayvee.export_env(env_path, parameters_path="/app")
    assert env_path.read_bytes() == first


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.__name__)
def test_tricky_values_read_back_unchanged(kayvee, ssm_client, env_path, reader):
    values = {
        "/app/newline": "line1\nline2\r\n",
        "/app/quotes": "it's \"quoted\"",
        "/app/dollar": "pa$word ${HOME}",
        "/app/hash": "a #not a comment",
        "/app/backslash": "C:\\path\\n",
        "/app/unicode": "naïve ✓ 日本",
        "/app/spaces": "  padded  ",
        "/app/empty_looking": '""',
    }
    for name, value in values.items():
        _put(ssm_client, name, value)
    written = kayvee.export_env(env_path, parameters_path="/app")
    assert reader(env_path.read_text(encoding="utf-8")) == written
    assert sorted(written.values()) == sorted(values.values())


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1))
def test_any_value_round_trips_through_the_tiny_reader(value):
    assert tiny_parse(render({"V": value})) == {"V": value}


@pytest.mark.skipif(python_dotenv_parse not in READERS, reason="python-dotenv not installed")
@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1))
def test_any_value_round_trips_through_python_dotenv(value):
    # python-dotenv before its PR #680 misreads a quoted value ending in a backslash.
    assume(not value.endswith("\\"))
    assert python_dotenv_parse(render({"V": value, "W": "after"})) == {"V": value, "W": "after"}


@pytest.mark.parametrize(
    "value, written",
    [
        ("plain", '"plain"'),
        ('say "hi"\n', '"say \\"hi\\"\\n"'),
        ("cost $5", "'cost $5'"),
        ("cost $5\nper month", "'cost $5\nper month'"),
        ("cost $5\r\n", '"cost $5\\r\\n"'),
        ("it's $5", '"it\'s $5"'),
        ("back\\slash", '"back\\\\slash"'),
    ],
)
def test_values_are_quoted_by_the_documented_rule(value, written):
    assert quote(value) == written


@pytest.mark.parametrize("reader", [compose_parse, *READERS], ids=lambda reader: reader.__name__)
def test_a_value_with_a_dollar_and_newlines_reads_back_unchanged(reader):
    # The value of a multi-line secret such as a PEM key or a script with "$VAR" in it.
    value = "#!/bin/sh\necho \"$HOME\" $1\n"
    assert reader(render({"SCRIPT": value, "NEXT": "after"})) == {
        "NEXT": "after", "SCRIPT": value,
    }


@pytest.mark.skipif(python_dotenv_parse not in READERS, reason="python-dotenv not installed")
def test_python_dotenv_with_interpolation_keeps_a_dollar_that_names_no_variable():
    text = render({"SCRIPT": "pa$word\nline $1"})
    assert dict(dotenv.dotenv_values(stream=io.StringIO(text))) == {"SCRIPT": "pa$word\nline $1"}
