"""Properties of the views over arbitrary values: plaintexts stay masked, HTML stays escaped."""

import html

import boto3
from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock import mock_kayvee

#: Values AWS accepts (no "{{…}}" nesting); a marker keeps them from matching other cells.
values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}"),
    min_size=1, max_size=40,
).map(lambda text: "MARK" + text)
#: Clients made once: the mock answers clients created before it started.
SSM = boto3.client("ssm", region_name="us-east-1")
SECRETS = boto3.client("secretsmanager", region_name="us-east-1")


@settings(max_examples=50, deadline=None)
@given(secure=values, secret=values)
def test_no_plaintext_reaches_the_html_unless_revealed(secure, secret):
    with mock_kayvee() as kv:
        SSM.put_parameter(Name="/p", Value=secure, Type="SecureString")
        SECRETS.create_secret(Name="s", SecretString=secret)
        page = kv.html()
        assert html.escape(secure) not in page and html.escape(secret) not in page
        revealed = kv.html(reveal=True)
        assert html.escape(secure) in revealed and html.escape(secret) in revealed


@settings(max_examples=50, deadline=None)
@given(value=values)
def test_every_value_is_escaped_in_the_html(value):
    with mock_kayvee() as kv:
        SSM.put_parameter(Name="/p", Value=value, Type="String")
        page = kv.html()
        assert f"<td>{html.escape(value)}</td>" in page
        if "<" in value:
            assert value not in page
