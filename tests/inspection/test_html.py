"""kv._repr_html_(): the notebook view — tables, everything escaped, plaintexts masked."""

import boto3
import pytest

from kv_mock import inspection, mock_kayvee
from kv_mock.inspection import MASK

PLAINTEXTS = ("hunter2", "s3cr3t")


@pytest.fixture
def kv():
    with mock_kayvee() as mock:
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/app/password", Value="hunter2", Type="SecureString")
        ssm.put_parameter(Name="/app/page", Value="<script>alert(1)</script>", Type="String")
        with pytest.raises(ssm.exceptions.ClientError):
            ssm.get_parameter(Name="/app/<b>")
        boto3.client("secretsmanager").create_secret(Name="app/db", SecretString="s3cr3t")
        yield mock


def test_html_shows_parameters_secrets_and_calls_as_tables(kv):
    page = kv._repr_html_()
    assert page.count("<table>") == 3
    for caption in ("Parameters (2)", "Secrets (1)", "Calls (4)"):
        assert caption in page
    assert "/app/password" in page and "app/db" in page and "PutParameter" in page


def test_html_never_shows_plaintexts_in_the_store_or_the_call_log(kv):
    page = kv._repr_html_()
    assert not any(plaintext in page for plaintext in PLAINTEXTS)
    assert MASK in page


def test_html_shows_plaintexts_when_asked(kv):
    page = kv.html(reveal=True)
    assert all(plaintext in page for plaintext in PLAINTEXTS)


def test_html_escapes_everything(kv):
    page = kv.html(reveal=True)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "/app/&lt;b&gt;" in page


def test_html_of_a_mock_not_started_says_so():
    assert mock_kayvee()._repr_html_() == "<p>kv_mock: not started</p>"


def test_html_tables_show_at_most_the_row_limit(monkeypatch, kv):
    monkeypatch.setattr(inspection, "HTML_ROW_LIMIT", 1)
    page = kv.html()
    assert "Parameters (2, first 1 shown)" in page
    assert page.split("Parameters (2")[1].split("</table>")[0].count("<tr>") == 2  # head + 1
