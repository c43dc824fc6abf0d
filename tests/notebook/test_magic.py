"""``%load_ext kv_mock`` and ``%kv``: start, stop, reset, show; re-running never nests."""

import boto3
import pytest

from kv_mock import activation, mock_kayvee

interactiveshell = pytest.importorskip("IPython.core.interactiveshell")


@pytest.fixture
def shell():
    ipython = interactiveshell.InteractiveShell.instance()
    ipython.run_line_magic("load_ext", "kv_mock")
    yield ipython
    ipython.run_line_magic("kv", "stop")
    assert activation.active_state is None


def _parameter(name):
    return boto3.client("ssm").get_parameter(Name=name)["Parameter"]["Value"]


def test_start_binds_a_running_mock_to_kv(shell, capsys):
    shell.run_line_magic("kv", "start --region eu-west-1 --seed 3")
    kv = shell.user_ns["kv"]
    assert kv.active and kv.region == "eu-west-1" and kv.seed == 3
    assert "kv_mock: on, bound to `kv`; <kv_mock on, region eu-west-1" in capsys.readouterr().out
    boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
    assert kv.calls.count("PutParameter") == 1


def test_rerunning_start_with_the_same_options_keeps_the_mock_and_its_state(shell, capsys):
    shell.run_line_magic("kv", "start --seed 3")
    boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
    first = shell.user_ns["kv"]
    shell.run_line_magic("kv", "start --seed 3")
    assert shell.user_ns["kv"] is first and activation.depth() == 1
    assert _parameter("/a") == "1"
    assert "already on with these options" in capsys.readouterr().out


def test_rerunning_start_with_other_options_restarts_with_them(shell, capsys):
    shell.run_line_magic("kv", "start --seed 3")
    boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
    shell.run_line_magic("kv", "start --seed 4 --account-id 111122223333")
    kv = shell.user_ns["kv"]
    assert (kv.seed, kv.account_id, activation.depth()) == (4, "111122223333", 1)
    assert "options changed; the previous mock was stopped" in capsys.readouterr().out
    with pytest.raises(boto3.client("ssm").exceptions.ParameterNotFound):
        _parameter("/a")


def test_reset_forgets_the_state_and_keeps_the_options(shell):
    shell.run_line_magic("kv", "start --region eu-west-2")
    boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
    shell.run_line_magic("kv", "reset")
    kv = shell.user_ns["kv"]
    assert kv.active and kv.region == "eu-west-2" and len(kv.calls) == 0
    assert kv.dump() == {}


def test_stop_switches_it_off(shell, capsys):
    shell.run_line_magic("kv", "start")
    shell.run_line_magic("kv", "stop")
    assert activation.active_state is None
    shell.run_line_magic("kv", "stop")
    assert capsys.readouterr().out.endswith(
        "kv_mock: off\nkv_mock: %kv started no mock that is on; nothing to stop\n")


def test_show_displays_the_masked_view_unless_revealed(shell):
    shell.run_line_magic("kv", "start")
    boto3.client("secretsmanager").create_secret(Name="s", SecretString="hunter2")
    masked = shell.run_line_magic("kv", "show")
    assert "<table>" in masked.data and "hunter2" not in masked.data
    assert "hunter2" in shell.run_line_magic("kv", "show --reveal").data


def test_start_refuses_while_a_mock_it_did_not_start_is_on(shell, capsys):
    with mock_kayvee():
        shell.run_line_magic("kv", "start")
        assert "kv" not in shell.user_ns or not shell.user_ns["kv"].active
        assert "another mock (not started by %kv) is on" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("begin", "kv_mock: %kv: argument action: invalid choice: 'begin'"),
        ("start --seed x", "kv_mock: %kv: argument --seed: invalid int value: 'x'"),
        ("start --region mars", "kv_mock: region must look like 'eu-west-1', got 'mars'"),
        ("reset", "kv_mock: nothing to reset: %kv start first"),
    ],
)
def test_bad_lines_print_the_problem_and_raise_nothing(shell, capsys, line, message):
    shell.user_ns.pop("kv", None)
    shell.run_line_magic("kv", line)
    assert capsys.readouterr().out.startswith(message)
