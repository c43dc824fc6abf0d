"""kv._repr_html_(): the notebook view — tables, everything escaped, plaintexts masked."""

import datetime as _dt

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
    for caption in ("Parameters (2)", "Secrets (1)", "Calls, latest first (4)"):
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
    assert "Parameters (2, 1 shown)" in page
    assert page.split("Parameters (2")[1].split("</table>")[0].count("<tr>") == 2  # head + 1
    assert "Calls, latest first (4, 1 shown)" in page
    assert "CreateSecret" in page and "GetParameter" not in page  # the latest call only


def test_html_starts_with_the_mocks_status():
    with mock_kayvee(region="eu-west-1", account_id="111122223333", seed=7) as mock:
        mock.clock.freeze(_dt.datetime(2030, 1, 1, tzinfo=_dt.timezone.utc))
        assert mock.html().startswith(
            "<p>kv_mock on, region eu-west-1, account 111122223333, seed 7, clock frozen at "
            "2030-01-01T00:00:00+00:00</p>"
        )
        mock.clock.real()
        mock.advance(days=2)
        assert "seed 7, clock real time 2 days, 0:00:00 ahead</p>" in mock.html()
    assert mock.html().startswith("<p>kv_mock off, region eu-west-1,")


def test_html_lists_the_latest_calls_first(kv):
    calls = kv.html().split("Calls, latest first")[1]
    assert calls.index("CreateSecret") < calls.index("GetParameter") < calls.index(
        "PutParameter")
    assert "<td>4</td>" in calls.split("CreateSecret")[0]  # numbered in call order


def test_html_masks_only_secret_values(kv):
    page = kv.html()
    # A String parameter's value is no secret, in the store and in the call log.
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert "hunter2" not in page and "s3cr3t" not in page


def test_an_overwrite_without_a_type_keeps_its_value_masked_in_the_call_log(kv):
    boto3.client("ssm").put_parameter(Name="/app/password", Value="hunter3", Overwrite=True)
    assert "hunter3" not in kv.html()


def test_html_builds_only_the_rows_it_shows(monkeypatch):
    with mock_kayvee() as mock:
        backend = mock.backend()
        ssm = boto3.client("ssm")
        for index in range(30):
            ssm.put_parameter(Name=f"/p/{index:02}", Value="v", Type="String")
        built = []
        original = inspection._cell
        monkeypatch.setattr(inspection, "_cell", lambda value: built.append(value) or
                            original(value))
        page = inspection.to_html(mock.state, limit=5)
        assert "Parameters (30, 5 shown)" in page
        assert len(built) == 8 * 5 + 8 * 5  # 5 parameter rows and 5 call rows of 8 cells
        assert backend is mock.backend()


def test_repr_says_what_the_mock_is_and_holds(kv):
    assert repr(kv) == (
        "<kv_mock on, region us-east-1, account 123456789012, seed none, clock real time: "
        "2 parameters, 1 secrets, 4 calls>"
    )
    assert repr(mock_kayvee(seed=3)) == (
        "<KvMock not started: region us-east-1, account 123456789012, seed 3>"
    )
