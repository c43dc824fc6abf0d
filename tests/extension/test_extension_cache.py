"""The Lambda extension caches what it fetched, for the TTL the function's environment sets.

Read the way Lambda code reads (``requests`` to localhost:2773), written through boto3, timed
on the mock's clock.
"""

from __future__ import annotations

import logging

import boto3
import pytest
import requests

from kv_mock import mock_kayvee
from kv_mock.transports.extension_cache import CacheSettings

TOKEN = {"X-Aws-Parameters-Secrets-Token": "session-token"}
CACHE_VARIABLES = ("PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED",
                   "PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE", "SSM_PARAMETER_STORE_TTL",
                   "SECRETS_MANAGER_TTL")


def secret_value(secret_id: str, **query: str) -> str:
    response = requests.get("http://localhost:2773/secretsmanager/get",
                            params={"secretId": secret_id, **query}, headers=TOKEN, timeout=5)
    response.raise_for_status()
    return response.json()["SecretString"]


def parameter_value(name: str, **query: str) -> str:
    response = requests.get("http://localhost:2773/systemsmanager/parameters/get",
                            params={"name": name, **query}, headers=TOKEN, timeout=5)
    response.raise_for_status()
    return response.json()["Parameter"]["Value"]


@pytest.fixture
def kv(monkeypatch):
    for variable in CACHE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    with mock_kayvee() as mock:
        mock.clock.freeze()
        yield mock


def test_a_secret_is_answered_from_the_cache_for_300_seconds(kv, secrets):
    secrets.create_secret(Name="db", SecretString="old")
    assert secret_value("db") == "old"
    secrets.put_secret_value(SecretId="db", SecretString="new")
    kv.clock.advance(seconds=299)
    assert secret_value("db") == "old"  # cached: no call
    assert kv.calls.count("GetSecretValue") == 1
    kv.clock.advance(seconds=1)
    assert secret_value("db") == "new"
    assert kv.calls.count("GetSecretValue") == 2


def test_a_cached_read_leaves_last_accessed_date_where_it_was(kv, secrets):
    """``LastAccessedDate`` is a day: a read cached across midnight does not move it."""
    kv.clock.freeze("2030-01-01T23:58:00Z")
    secrets.create_secret(Name="db", SecretString="v")
    secret_value("db")
    first = secrets.describe_secret(SecretId="db")["LastAccessedDate"]
    kv.clock.advance(minutes=3)  # the next day, within the TTL
    secret_value("db")
    assert secrets.describe_secret(SecretId="db")["LastAccessedDate"] == first
    secret_value("db", refreshNow="true")  # a call
    assert secrets.describe_secret(SecretId="db")["LastAccessedDate"] > first


def test_refresh_now_fetches_again_and_refreshes_the_cache(kv, secrets):
    secrets.create_secret(Name="db", SecretString="old")
    secret_value("db")
    secrets.put_secret_value(SecretId="db", SecretString="new")
    assert secret_value("db", refreshNow="true") == "new"
    secrets.put_secret_value(SecretId="db", SecretString="newer")
    assert secret_value("db") == "new"  # what the refresh cached


def test_a_parameter_is_cached_per_name_selector_and_decryption(kv, ssm):
    ssm.put_parameter(Name="/p", Value="one", Type="SecureString")
    assert parameter_value("/p", withDecryption="true") == "one"
    ssm.put_parameter(Name="/p", Value="two", Type="SecureString", Overwrite=True)
    assert parameter_value("/p", withDecryption="true") == "one"
    assert parameter_value("/p", withDecryption="true", version="2") == "two"
    assert parameter_value("/p", withDecryption="false") != "one"  # its own entry: ciphertext
    assert kv.calls.count("GetParameter") == 3


def test_each_account_has_its_own_entries(kv, secrets):
    """A served extension may call as different accounts: one's value is not another's."""
    from kv_mock.transports import extension

    secrets.create_secret(Name="db", SecretString="ours")
    other = boto3.client("secretsmanager", region_name="us-east-1",
                         aws_access_key_id="111111111111", aws_secret_access_key="x")
    other.create_secret(Name="db", SecretString="theirs")
    answers = [
        extension.answer(kv.state, "GET", extension.SECRET_PATH, "secretId=db", TOKEN,
                         account_id=account)[2]
        for account in ("123456789012", "111111111111")
    ]
    assert b'"ours"' in answers[0] and b'"theirs"' in answers[1]


def test_an_error_is_not_cached(kv, secrets):
    response = requests.get("http://localhost:2773/secretsmanager/get?secretId=later",
                            headers=TOKEN, timeout=5)
    assert response.status_code == 400
    secrets.create_secret(Name="later", SecretString="here")
    assert secret_value("later") == "here"


@pytest.mark.parametrize(("variable", "value"), [
    ("SECRETS_MANAGER_TTL", "0"),
    ("PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "false"),
    ("PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "FALSE"),
    ("PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE", "0"),
])
def test_the_environment_can_turn_caching_off(kv, secrets, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    secrets.create_secret(Name="db", SecretString="old")
    secret_value("db")
    secrets.put_secret_value(SecretId="db", SecretString="new")
    assert secret_value("db") == "new"


def test_each_service_has_its_own_ttl(kv, secrets, ssm, monkeypatch):
    monkeypatch.setenv("SSM_PARAMETER_STORE_TTL", "60")
    ssm.put_parameter(Name="/p", Value="old", Type="String")
    secrets.create_secret(Name="db", SecretString="old")
    parameter_value("/p"), secret_value("db")
    ssm.put_parameter(Name="/p", Value="new", Type="String", Overwrite=True)
    secrets.put_secret_value(SecretId="db", SecretString="new")
    kv.clock.advance(seconds=60)
    assert (parameter_value("/p"), secret_value("db")) == ("new", "old")


def test_a_ttl_beyond_300_seconds_is_cut_to_300(kv, secrets, monkeypatch, caplog):
    monkeypatch.setenv("SECRETS_MANAGER_TTL", "2700")
    secrets.create_secret(Name="db", SecretString="old")
    with caplog.at_level(logging.WARNING, logger="kv_mock"):
        secret_value("db")
    assert "SECRETS_MANAGER_TTL='2700' exceeds the extension's limit; using 300" in caplog.text
    secrets.put_secret_value(SecretId="db", SecretString="new")
    kv.clock.advance(seconds=300)
    assert secret_value("db") == "new"


def test_a_full_cache_drops_the_value_used_longest_ago(kv, secrets, monkeypatch):
    monkeypatch.setenv("PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE", "2")
    for name in ("a", "b", "c"):
        secrets.create_secret(Name=name, SecretString="old")
    secret_value("a"), secret_value("b")
    secret_value("a")  # "b" is now the one used longest ago
    secret_value("c")  # makes room: "b" goes
    for name in ("a", "b", "c"):
        secrets.put_secret_value(SecretId=name, SecretString="new")
    # (a miss is cached in turn, making room again: the kept ones are read first)
    assert [secret_value(name) for name in ("c", "a", "b")] == ["old", "old", "new"]


@pytest.mark.parametrize(("environment", "size", "ttl"), [
    ({}, 1000, 300),
    ({"PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE": "5000"}, 1000, 300),
    ({"PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE": "-3"}, 0, 300),
    ({"PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE": "many"}, 1000, 300),
    ({"SECRETS_MANAGER_TTL": " 45 "}, 1000, 45),
    ({"SECRETS_MANAGER_TTL": ""}, 1000, 300),
    ({"SECRETS_MANAGER_TTL": "1.5"}, 1000, 300),
    ({"PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED": "maybe"}, 1000, 300),
])
def test_settings_are_read_as_the_extension_reads_them(environment, size, ttl):
    settings = CacheSettings.from_environment(environment)
    assert (settings.size, settings.ttl_seconds["secretsmanager"]) == (size, ttl)
