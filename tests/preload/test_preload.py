"""mock_kayvee(preload=…): parameters and secrets a mock starts with, loaded through AWS's rules."""

import json
import sys

import boto3
import pytest
import yaml

from kv_mock import KvMockError, mock_kayvee

DOCUMENT = {
    "parameters": [
        {"name": "/app/db/host", "value": "db.internal"},
        {"name": "/app/db/password", "value": "hunter2", "type": "SecureString",
         "tags": {"team": "payments"}},
        {"name": "/app/replica", "value": "r", "region": "eu-west-1"},
    ],
    "secrets": [
        {"name": "app/db", "secret_string": '{"password": "s3cr3t"}', "description": "db"},
        {"name": "app/key", "secret_binary": "AAEC"},
    ],
}


def test_preloaded_parameters_are_read_like_any_other():
    with mock_kayvee(preload=DOCUMENT):
        ssm = boto3.client("ssm")
        assert ssm.get_parameter(Name="/app/db/host")["Parameter"]["Value"] == "db.internal"
        secure = ssm.get_parameter(Name="/app/db/password", WithDecryption=True)["Parameter"]
        assert (secure["Type"], secure["Value"]) == ("SecureString", "hunter2")


def test_preloaded_secrets_are_read_like_any_other():
    with mock_kayvee(preload=DOCUMENT):
        secrets = boto3.client("secretsmanager")
        value = secrets.get_secret_value(SecretId="app/db")
        assert value["SecretString"] == '{"password": "s3cr3t"}'
        assert value["VersionStages"] == ["AWSCURRENT"]
        assert secrets.get_secret_value(SecretId="app/key")["SecretBinary"] == b"\x00\x01\x02"


def test_an_entry_with_a_region_lands_in_that_region():
    with mock_kayvee(preload=DOCUMENT):
        replica = boto3.client("ssm", region_name="eu-west-1").get_parameter(Name="/app/replica")
        assert replica["Parameter"]["Value"] == "r"
        with pytest.raises(boto3.client("ssm").exceptions.ParameterNotFound):
            boto3.client("ssm").get_parameter(Name="/app/replica")


def test_an_entry_with_an_account_id_lands_in_that_account():
    preload = {"parameters": [{"name": "/x", "value": "1", "account_id": "210987654321"}]}
    with mock_kayvee(preload=preload) as kv:
        assert list(kv.dump()) == ["210987654321"]


def test_tags_given_as_a_mapping_are_stored_as_tags():
    with mock_kayvee(preload=DOCUMENT) as kv:
        stored = kv.dump()["123456789012"]["us-east-1"]["parameters"]["/app/db/password"]
        assert stored["tags"] == {"team": "payments"}


def test_preloading_is_not_in_the_call_log():
    with mock_kayvee(preload=DOCUMENT) as kv:
        assert len(kv.calls) == 0


def test_a_json_file_is_preloaded(tmp_path):
    path = tmp_path / "fixtures.json"
    path.write_text(json.dumps(DOCUMENT))
    with mock_kayvee(preload=path):
        assert boto3.client("ssm").get_parameter(Name="/app/db/host")["Parameter"]["Value"] == (
            "db.internal"
        )


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_a_yaml_file_is_preloaded(tmp_path, suffix):
    path = tmp_path / f"fixtures{suffix}"
    path.write_text(
        "parameters:\n"
        "  - name: /app/db/host\n"
        "    value: db.internal\n"
        "secrets:\n"
        "  - name: app/key\n"
        "    secret_binary: !!binary AAEC\n"
    )
    with mock_kayvee(preload=str(path)):
        assert boto3.client("ssm").get_parameter(Name="/app/db/host")["Parameter"]["Value"] == (
            "db.internal"
        )
        binary = boto3.client("secretsmanager").get_secret_value(SecretId="app/key")
        assert binary["SecretBinary"] == b"\x00\x01\x02"


def test_an_empty_yaml_file_preloads_nothing(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("")
    with mock_kayvee(preload=path) as kv:
        assert kv.dump() == {}


def test_a_policies_list_is_sent_as_its_json_text():
    policy = {"Type": "Expiration", "Version": "1.0",
              "Attributes": {"Timestamp": "2999-01-01T00:00:00.000Z"}}
    preload = {"parameters": [
        {"name": "/p", "value": "v", "tier": "Advanced", "policies": [policy]},
    ]}
    with mock_kayvee(preload=preload) as kv:
        version = kv.dump()["123456789012"]["us-east-1"]["parameters"]["/p"]["versions"][1]
        assert [p["type"] for p in version["policies"]] == ["Expiration"]


def test_nested_mocks_preload_once():
    @mock_kayvee(preload=DOCUMENT)
    def inner():
        return boto3.client("ssm").get_parameter(Name="/app/db/host")["Parameter"]["Version"]

    with mock_kayvee(preload=DOCUMENT):
        assert inner() == 1


# -- bad data: a KvMockError naming the entry --------------------------------------------

@pytest.mark.parametrize(
    ("preload", "message"),
    [
        pytest.param(
            {"parameters": [{"name": "/ok", "value": "1"}, {"name": "/big", "value": "x" * 4097}]},
            "preload parameters[1] ('/big'): ValidationException: Standard tier parameters "
            "support a maximum parameter value of 4096 characters.",
            id="aws-rule",
        ),
        pytest.param(
            {"parameters": [{"name": "/dup", "value": "1"}, {"name": "/dup", "value": "2"}]},
            "preload parameters[1] ('/dup'): ParameterAlreadyExists: The parameter already "
            "exists.",
            id="duplicate",
        ),
        pytest.param(
            {"parameters": [{"name": "/s", "value": "1", "type": "SecureString",
                             "key_id": "alias/nope"}]},
            "preload parameters[0] ('/s'): InvalidKeyId: Alias "
            "'arn:aws:kms:us-east-1:123456789012:alias/nope' does not exist",
            id="bad-kms-key",
        ),
        pytest.param(
            {"secrets": [{"name": "s", "secret_string": "a", "secret_binary": "AAEC"}]},
            "preload secrets[0] ('s'): InvalidParameterException: You can't specify both",
            id="both-values",
        ),
        pytest.param(
            {"parameters": [{"name": "/no-value"}]},
            "preload parameters[0] ('/no-value'): Missing required parameter in input: "
            '"Value"',
            id="missing-member",
        ),
        pytest.param(
            {"parameters": [{"name": "/n", "value": "v", "tier": 5}]},
            "preload parameters[0] ('/n'): tier must be text, but the file gives a number",
            id="wrong-type",
        ),
        pytest.param(
            {"parameters": [{"name": "/n", "value": "1", "colour": "red"}]},
            "preload parameters[0] ('/n'): unknown key 'colour'; expected region, account_id "
            "or one of Name, Description, Value",
            id="unknown-key",
        ),
        pytest.param(
            {"secrets": [["app/db", "x"]]},
            "preload secrets[0]: expected a mapping, got ['app/db', 'x']",
            id="not-a-mapping",
        ),
        pytest.param(
            {"parameters": [{"name": "/n", "value": "1", "region": "mars"}]},
            "preload parameters[0] ('/n'): region must look like 'eu-west-1', got 'mars'",
            id="bad-region",
        ),
        pytest.param(
            {"parameters": [{"name": "/n", "value": "1", "account_id": "42"}]},
            "preload parameters[0] ('/n'): account_id must be 12 digits, got '42'",
            id="bad-account",
        ),
        pytest.param(
            {"secrets": [{"name": "k", "secret_binary": "not base64!"}]},
            "preload secrets[0] ('k'): secret_binary text must be base64",
            id="bad-base64",
        ),
        pytest.param(
            {"parameters": {"name": "/n", "value": "1"}},
            "preload parameters: expected a list of entries",
            id="section-not-a-list",
        ),
        pytest.param(
            {"params": []},
            "preload: unknown section(s) ['params']; expected 'parameters' and/or 'secrets'",
            id="unknown-section",
        ),
    ],
)
def test_bad_preload_data_names_the_entry(preload, message):
    with pytest.raises(KvMockError) as error:
        mock_kayvee(preload=preload).start()
    assert str(error.value).startswith(message)


def test_a_failed_preload_leaves_no_mock_active():
    mock = mock_kayvee(preload={"parameters": [{"name": "/n"}]})
    with pytest.raises(KvMockError):
        mock.start()
    assert not mock.active
    with mock_kayvee() as kv:  # a fresh mock starts from an empty AWS
        assert kv.dump() == {}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", "{", "is not valid JSON"),
        ("bad.yaml", "parameters: [", "is not valid YAML"),
        ("list.json", "[]", "must hold a mapping at the top level"),
        ("data.toml", "", "must end in .json, .yaml or .yml"),
    ],
)
def test_a_bad_preload_file_is_named(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(KvMockError) as error:
        mock_kayvee(preload=path).start()
    assert str(path) in str(error.value) and message in str(error.value)


def test_a_missing_preload_file_is_named(tmp_path):
    with pytest.raises(KvMockError, match="cannot read preload file .*missing.json"):
        mock_kayvee(preload=tmp_path / "missing.json").start()


def test_a_yaml_file_without_pyyaml_says_how_to_install_it(tmp_path, monkeypatch):
    path = tmp_path / "fixtures.yaml"
    path.write_text("parameters: []\n")
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(KvMockError, match=r"needs PyYAML: pip install 'kv-mock\[yaml\]'"):
        mock_kayvee(preload=path).start()


def test_preload_of_another_type_is_refused_at_once():
    with pytest.raises(KvMockError, match="preload must be a dict or the path"):
        mock_kayvee(preload=42)


def test_json_preload_does_not_import_yaml(tmp_path, monkeypatch):
    path = tmp_path / "fixtures.json"
    path.write_text(json.dumps(DOCUMENT))
    monkeypatch.setitem(sys.modules, "yaml", None)  # importing it would now fail
    with mock_kayvee(preload=path):
        pass


assert yaml  # PyYAML is in the dev extra


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("value: 8080", "preload parameters[0] ('/app/port'): value must be text, but the file "
                        "gives a number (int): quote it: value: \"8080\""),
        ("value: 1.50", "preload parameters[0] ('/app/port'): value must be text, but the file "
                        "gives a number (float): quote it: value: \"1.5\""),
        ("value: yes", "preload parameters[0] ('/app/port'): value must be text, but the file "
                       "gives a boolean (YAML reads yes/no/on/off/true/false as booleans): "
                       "quote it: value: \"true\" (or the spelling you meant)"),
        ("value: {a: 1}", "preload parameters[0] ('/app/port'): value must be text, but the "
                          "file gives a mapping: give it as JSON text: value: '{\"a\": 1}' "
                          "(or a YAML block scalar)"),
        ("description: [x]", "preload parameters[0] ('/app/port'): description must be text, "
                             "but the file gives a list: give it as JSON text: description: "
                             "'[\"x\"]' (or a YAML block scalar)"),
    ],
)
def test_yaml_values_that_are_not_text_get_a_hint(tmp_path, line, message):
    path = tmp_path / "fixtures.yaml"
    value = "" if line.startswith("value") else "    value: v\n"
    path.write_text(f"parameters:\n  - name: /app/port\n{value}    {line}\n")
    with pytest.raises(KvMockError) as raised:
        mock_kayvee(preload=str(path)).start()
    assert str(raised.value) == message


def test_a_secret_string_mapping_gets_the_json_hint():
    with pytest.raises(KvMockError, match=r"secret_string must be text, but the file gives a "
                                          r"mapping: give it as JSON text: secret_string: "
                                          r"'\{\"password\": \"x\"\}'"):
        with mock_kayvee(preload={"secrets": [{"name": "s", "secret_string": {"password": "x"}}]}):
            pass
