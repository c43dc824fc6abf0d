"""``kv-mock serve`` as a process: options, the printed endpoint, clean stops, persistence."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from contextlib import contextmanager

import boto3
import pytest

from kv_mock.cli import main


@contextmanager
def serving(*options: str):
    """A ``python -m kv_mock serve --port 0 …`` process and its printed endpoint."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kv_mock", "serve", "--port", "0", "--log-level", "warning",
         *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("kv-mock serving on http://127.0.0.1:"), (
            line, process.stderr.read() if process.poll() is not None else "")
        yield process, line.split()[-1]
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=20)
        process.stdout.close()
        process.stderr.close()


def _ssm(endpoint, key="k", region="us-east-1"):
    return boto3.client("ssm", region_name=region, endpoint_url=endpoint,
                        aws_access_key_id=key, aws_secret_access_key="s")


def _stop(process, signum) -> int:
    process.send_signal(signum)
    return process.wait(timeout=20)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_the_persisted_store_survives(tmp_path, signum):
    store = str(tmp_path / "state.db")
    with serving("--persist", store, "--seed", "3") as (process, endpoint):
        ssm = _ssm(endpoint)
        ssm.put_parameter(Name="/kept", Value="v1", Type="String")
        ssm.put_parameter(Name="/kept", Value="v2", Type="String", Overwrite=True)
        assert _stop(process, signum) == 0
    with serving("--persist", store) as (process, endpoint):
        kept = _ssm(endpoint).get_parameter(Name="/kept")["Parameter"]
        assert (kept["Value"], kept["Version"]) == ("v2", 2)
        assert _stop(process, signal.SIGTERM) == 0
    # The file is closed consistently: the shell command reads it.
    assert main(["snapshot", "--store", store]) == 0


def test_options_set_the_default_region_and_account(tmp_path, capsys):
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(json.dumps({"parameters": [{"name": "/pre", "value": "loaded"}]}))
    with serving("--region", "eu-west-3", "--account-id", "555555555555",
                 "--preload", str(fixtures)) as (process, endpoint):
        unsigned_default = _ssm(endpoint, region="eu-west-3")
        parameter = unsigned_default.get_parameter(Name="/pre")["Parameter"]
        assert parameter["ARN"] == "arn:aws:ssm:eu-west-3:555555555555:parameter/pre"
        assert _stop(process, signal.SIGTERM) == 0


def test_verify_sigv4_over_the_command_line():
    with serving("--verify-sigv4", "--credential", "AKIDCLI=secret-cli",
                 "--key-account", "AKIDCLI=666666666666") as (process, endpoint):
        good = boto3.client("ssm", region_name="us-east-1", endpoint_url=endpoint,
                            aws_access_key_id="AKIDCLI", aws_secret_access_key="secret-cli")
        good.put_parameter(Name="/p", Value="v", Type="String")
        assert ":666666666666:" in good.get_parameter(Name="/p")["Parameter"]["ARN"]
        bad = boto3.client("ssm", region_name="us-east-1", endpoint_url=endpoint,
                           aws_access_key_id="AKIDCLI", aws_secret_access_key="wrong")
        with pytest.raises(bad.exceptions.ClientError, match="InvalidSignatureException"):
            bad.get_parameter(Name="/p")
        assert _stop(process, signal.SIGTERM) == 0


@pytest.mark.parametrize("arguments, problem", [
    (["--verify-sigv4"], "--verify-sigv4 needs at least one --credential"),
    (["--credential", "nokey"], "--credential takes KEY_ID=SECRET_KEY"),
    (["--region", "mars"], "region must look like"),
    (["--account-id", "12"], "account_id must be 12 digits"),
])
def test_bad_options_are_usage_errors(arguments, problem, capsys):
    assert main(["serve", "--port", "0", *arguments]) == 2
    assert problem in capsys.readouterr().err


def test_a_bad_port_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", "70000"])
    assert stopped.value.code == 2
    assert "not a port number" in capsys.readouterr().err


@pytest.mark.parametrize("options", [["--port"], ["--port", "0", "--extension-port"]],
                         ids=["port", "extension-port"])
def test_a_port_in_use_is_a_clear_failure(options):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "kv_mock", "serve", *options, str(port)],
            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "address already in use" in result.stderr.lower()
    if "--extension-port" in options:
        assert f"the Lambda extension port {port} could not be bound" in result.stderr


def test_without_the_server_extra_the_command_says_what_to_install():
    code = ("import sys; sys.modules['uvicorn'] = None; from kv_mock.cli import main; "
            "sys.exit(main(['serve']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "pip install 'kv-mock[server]'" in result.stderr


def test_without_the_server_extra_kv_mock_server_says_what_to_install():
    code = ("import sys; sys.modules['uvicorn'] = None; import kv_mock\n"
            "try:\n    kv_mock.server()\nexcept kv_mock.KvMockError as e:\n    print(e)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert "pip install 'kv-mock[server]'" in result.stdout
