"""The pytest plugin as a user meets it: subprocess runs of small projects in tmp dirs."""

import os
import subprocess
import sys
import textwrap

import pytest

import kv_mock.guard

#: A conftest.py giving the project fake credentials and no network at all.
OFFLINE_CONFTEST = '''
import socket
import pytest

@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAFAKEFAKEFAKEFAKE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "fake")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    def refuse(*args, **kwargs):
        raise OSError("no network in this project")
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
'''


def project(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    return tmp_path


def run_pytest(directory, *arguments, env=None):
    environment = dict(os.environ if env is None else env)
    environment.pop(kv_mock.guard.ENVIRONMENT_VARIABLE, None)  # as a fresh shell has it
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
        capture_output=True, text=True, cwd=directory, timeout=120, env=environment,
    )


def test_the_marker_alone_switches_the_mock_on(tmp_path):
    project(tmp_path, {"conftest.py": OFFLINE_CONFTEST, "test_marked.py": '''
        import boto3
        import pytest

        @pytest.mark.kayvee(region="eu-west-1", seed=1)
        def test_marked_without_the_fixture():
            ssm = boto3.client("ssm")
            ssm.put_parameter(Name="/m", Value="v", Type="String")
            assert ssm.get_parameter(Name="/m")["Parameter"]["ARN"] == (
                "arn:aws:ssm:eu-west-1:123456789012:parameter/m")

        @pytest.mark.kayvee
        class TestMarkedClass:
            def test_one(self):
                import boto3
                boto3.client("secretsmanager", region_name="us-east-1").create_secret(
                    Name="s", SecretString="x")

        @pytest.fixture
        def client():
            return boto3.client("ssm", region_name="us-east-1")

        @pytest.mark.kayvee
        def test_other_fixtures_see_the_mock_on(client):
            client.put_parameter(Name="/f", Value="v", Type="String")

        import unittest

        @pytest.mark.kayvee(region="ap-south-1")
        class TestUnittestStyle(unittest.TestCase):
            def test_mocked(self):
                ssm = boto3.client("ssm")
                ssm.put_parameter(Name="/u", Value="v", Type="String")
                self.assertEqual(ssm.meta.region_name, "ap-south-1")
    '''})
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_an_unmocked_call_fails_naming_the_test(tmp_path):
    project(tmp_path, {"conftest.py": OFFLINE_CONFTEST, "test_forgot.py": '''
        import boto3

        def test_forgot_the_mock():
            boto3.client("ssm", region_name="eu-west-1").get_parameter(Name="/p")
    '''})
    result = run_pytest(tmp_path)
    assert result.returncode == 1
    assert (
        "RealAWSCallBlocked: kv_mock refused a real AWS call: ssm GetParameter to "
        "https://ssm.eu-west-1.amazonaws.com/ (test test_forgot.py::test_forgot_the_mock)"
    ) in result.stdout


def test_the_ini_option_allows_real_aws_for_the_run(tmp_path):
    project(tmp_path, {
        "conftest.py": OFFLINE_CONFTEST,
        "pytest.ini": "[pytest]\nkv_mock_allow_real_aws = true\n",
        "test_integration.py": '''
            import os
            import boto3
            import pytest
            from botocore.exceptions import EndpointConnectionError

            def test_reaches_the_network_layer():
                with pytest.raises(EndpointConnectionError):
                    boto3.client("ssm", region_name="eu-west-1").get_parameter(Name="/p")
                assert "KV_MOCK_BLOCK_REAL_AWS" not in os.environ
        ''',
    })
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_project_module_named_conftest_plugin_does_not_collide(tmp_path):
    project(tmp_path, {
        "conftest_plugin.py": "VALUE = 'the project own module'\n",
        "test_own.py": '''
            import conftest_plugin

            def test_own_module(ssm_client):
                assert conftest_plugin.VALUE == "the project own module"
                ssm_client.put_parameter(Name="/x", Value="1", Type="String")
        ''',
    })
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_the_plugin_is_installed_as_kv_mock_pytest():
    from importlib.metadata import entry_points

    plugins = {entry.name: entry.value for entry in entry_points(group="pytest11")}
    assert plugins["kv_mock"] == "kv_mock_pytest.plugin"


def test_loading_the_plugin_imports_neither_kv_mock_nor_botocore(tmp_path):
    project(tmp_path, {"test_plain.py": '''
        import sys

        def test_nothing_aws_was_imported():
            loaded = {"kv_mock", "botocore", "boto3"} & set(sys.modules)
            assert loaded == set(), loaded
    '''})
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_client_made_at_module_level_before_any_mock_is_intercepted(tmp_path):
    project(tmp_path, {"conftest.py": OFFLINE_CONFTEST, "test_early.py": '''
        import boto3

        SSM = boto3.client("ssm", region_name="us-east-1",
                           aws_access_key_id="a", aws_secret_access_key="b")

        def test_module_client(kayvee):
            SSM.put_parameter(Name="/early", Value="v", Type="String")
            assert kayvee.calls.count("PutParameter") == 1
    '''})
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


SCRIPT = '''
import socket, sys
sent = []
def refuse(*args, **kwargs):
    sent.append(args)
    raise OSError("no network")
socket.getaddrinfo = refuse
import boto3
ssm = boto3.client("ssm", region_name="eu-west-1", aws_access_key_id="a",
                   aws_secret_access_key="b", config=__import__("botocore.config").config.Config(
                       retries={"max_attempts": 0}))
{before}
try:
    {call}
except Exception as error:
    print(type(error).__name__, len(sent))
    print(error)
'''


def run_script(tmp_path, before, call="ssm.get_parameter(Name='/p')", env=None):
    script = tmp_path / "script.py"
    script.write_text(SCRIPT.replace("{before}", before).replace("{call}", call))
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "KV_MOCK"))}
    environment.update(env or {})
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=120, env=environment)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_script_without_the_guard_reaches_the_network(tmp_path):
    assert run_script(tmp_path, "import kv_mock").startswith("EndpointConnectionError 1")


def test_block_real_aws_guards_a_script(tmp_path):
    out = run_script(tmp_path, "import kv_mock; kv_mock.block_real_aws()")
    assert out.startswith("RealAWSCallBlocked 0\n")
    assert "(outside any test)" in out and "kv_mock.allow_real_aws()" in out


def test_the_environment_variable_guards_a_script_that_never_imports_kv_mock(tmp_path):
    out = run_script(tmp_path, "", env={"KV_MOCK_BLOCK_REAL_AWS": "1"})
    assert out.startswith("RealAWSCallBlocked 0\n")


UNITTEST_SCRIPT = """
import socket
socket.getaddrinfo = socket.socket.connect = None  # any network use fails loudly
import unittest
import boto3

SSM = boto3.client("ssm", region_name="eu-west-1", aws_access_key_id="a",
                   aws_secret_access_key="b")          # made before kv_mock is imported

from kv_mock import mock_kayvee


@mock_kayvee
class TestOldClient(unittest.TestCase):
    def test_it_is_answered_by_the_mock(self):
        SSM.put_parameter(Name="/old", Value="v", Type="String")
        self.assertEqual(SSM.get_parameter(Name="/old")["Parameter"]["Value"], "v")

    def test_again_with_a_fresh_state(self):
        with self.assertRaises(SSM.exceptions.ParameterNotFound):
            SSM.get_parameter(Name="/old")


if __name__ == "__main__":
    unittest.main()
"""


def test_unittest_client_made_before_import_kv_mock_is_answered(tmp_path):
    script = tmp_path / "test_old_client.py"
    script.write_text(UNITTEST_SCRIPT)
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "KV_MOCK"))}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=120, env=environment)
    assert result.returncode == 0, result.stderr
    assert "Ran 2 tests" in result.stderr and "OK" in result.stderr


def test_an_async_client_made_before_import_kv_mock_is_answered_by_the_mock(tmp_path):
    """An aiobotocore session and client made before ``import kv_mock``: the client's first
    call while a mock is on registers kv_mock's handlers on it, as for botocore's clients."""
    pytest.importorskip("aiobotocore")
    code = """
import asyncio, socket
socket.getaddrinfo = None  # any network use fails loudly
from aiobotocore.session import get_session
SESSION = get_session()

async def make_client():
    return await SESSION.create_client("ssm", region_name="eu-west-1", aws_access_key_id="a",
                                       aws_secret_access_key="b").__aenter__()

CLIENT = asyncio.run(make_client())
import kv_mock

async def calls():
    await CLIENT.put_parameter(Name="/p", Value="v", Type="String")
    return (await CLIENT.get_parameter(Name="/p"))["Parameter"]["Value"]

with kv_mock.mock_kayvee() as kv:
    print(asyncio.run(calls()), kv.calls.operations())
"""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "KV_MOCK"))}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=environment)
    assert result.stdout.strip() == "v ['PutParameter', 'GetParameter']", result.stderr


def test_the_child_hook_waits_for_botocore_and_then_arms_the_guard():
    code = (
        "import sys; before = {'botocore', 'kv_mock'} & set(sys.modules); import botocore; "
        "import kv_mock.guard; print(sorted(before), kv_mock.guard.is_blocking())"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    for value, blocking in (("1", "True"), ("0", "False")):
        environment[kv_mock.guard.ENVIRONMENT_VARIABLE] = value
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=60, env=environment)
        assert result.stdout == f"[] {blocking}\n", result.stderr


def test_the_wheel_installs_kv_mock_pytest_and_the_pth_hook(tmp_path):
    import pathlib
    import shutil
    import zipfile

    root = pathlib.Path(__file__).resolve().parents[2]
    source = tmp_path / "source"  # a copy: building writes build/ and egg-info next to it
    source.mkdir()
    for name in ("setup.py", "pyproject.toml", "README.md", "kv_mock_guard.pth"):
        shutil.copy(root / name, source / name)
    for package in ("kv_mock", "conftest_plugin"):
        shutil.copytree(root / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path),
         str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("kv_mock-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kv_mock_guard.pth" in names and "kv_mock_pytest/plugin.py" in names
    assert not any(name.startswith("conftest_plugin") for name in names)
