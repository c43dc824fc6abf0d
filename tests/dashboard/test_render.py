"""The dashboard page: the store and the latest calls, masked unless revealed, escaped."""

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock.transports import dashboard


@pytest.fixture
def state():
    with mock_kayvee() as kv:
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/app/password", Value="hunter2", Type="SecureString")
        ssm.put_parameter(Name="/app/motd", Value="<b>hi</b>", Type="String")
        ssm.label_parameter_version(Name="/app/motd", Labels=["prod"])
        boto3.client("secretsmanager").create_secret(Name="app/db", SecretString="s3cr3t")
        yield kv.state


def test_the_page_shows_versions_labels_stages_and_calls_with_secrets_masked(state):
    page = dashboard.render(state)
    assert page.startswith("<!DOCTYPE html>")
    for text in ("/app/password", "/app/motd", "prod", "app/db", "AWSCURRENT",
                 "Calls, latest first (4)", "LabelParameterVersion", "&lt;b&gt;hi&lt;/b&gt;"):
        assert text in page
    assert "hunter2" not in page and "s3cr3t" not in page
    assert '<a href="/_kv_mock/?reveal=1">Reveal values</a>' in page


def test_revealed_the_page_shows_plaintexts_and_a_link_back(state):
    page = dashboard.render(state, reveal=True)
    assert "hunter2" in page and "s3cr3t" in page
    assert '<a href="/_kv_mock/">Mask values</a>' in page


def test_the_page_has_no_script(state):
    assert "<script" not in dashboard.render(state, reveal=True).lower()
