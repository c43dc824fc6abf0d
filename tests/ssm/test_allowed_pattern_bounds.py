"""AllowedPattern is the caller's code: its match is bounded in time and never holds the
state lock, so a pathological pattern delays only its own call."""

import threading

import boto3
import pytest

from kv_mock.services.ssm import allowed_pattern

MISMATCH = "ParameterPatternMismatchException"


def test_nested_quantifiers_answer_at_once(ssm_client, aws_error):
    # ^(a+)+$ on 28 characters took 15 s with Python's re; the regex engine fails it at once.
    assert aws_error(ssm_client.put_parameter, Name="/p", Value="a" * 28 + "!", Type="String",
                     AllowedPattern="^(a+)+$") == (
        MISMATCH, "Parameter value, cannot be validated against allowedPattern: ^(a+)+$", 400)


def test_a_match_that_runs_out_of_time_is_a_mismatch(ssm_client, aws_error, monkeypatch):
    monkeypatch.setattr(allowed_pattern, "MATCH_TIMEOUT_SECONDS", 0.05)
    pattern = "^(a|a)*$"  # exponential in any backtracking engine
    assert aws_error(ssm_client.put_parameter, Name="/p", Value="a" * 40 + "!", Type="String",
                     AllowedPattern=pattern) == (
        MISMATCH, f"Parameter value, cannot be validated against allowedPattern: {pattern}", 400)
    assert aws_error(ssm_client.get_parameter, Name="/p")[0] == "ParameterNotFound"


def test_java_syntax_the_regex_engine_reads(ssm_client):
    # \p{L} (any letter), possessive quantifiers and atomic groups are Java regex syntax.
    for pattern, value in [(r"^\p{L}+$", "Ünïcødé"), (r"^a++b$", "aaab"), (r"^(?>a+)b$", "ab")]:
        ssm_client.put_parameter(Name="/p", Value=value, Type="String", AllowedPattern=pattern,
                                 Overwrite=True)
        assert ssm_client.get_parameter(Name="/p")["Parameter"]["Value"] == value


def test_other_calls_go_on_while_a_pattern_is_matched(kayvee, monkeypatch):
    """The match is made to wait until another thread's write (which needs the lock) is done."""
    other_done = threading.Event()
    lock_held_while_matching = []
    real_fullmatch = allowed_pattern._fullmatch

    def slow_fullmatch(compiled, value):
        lock_held_while_matching.append(kayvee.state.lock._is_owned())
        other_done.wait(timeout=30)
        return real_fullmatch(compiled, value)

    monkeypatch.setattr(allowed_pattern, "_fullmatch", slow_fullmatch)
    errors = []

    def patterned_put():
        try:
            boto3.client("ssm").put_parameter(Name="/slow", Value="abc", Type="String",
                                              AllowedPattern="^[a-c]+$")
        except Exception as error:  # reported below
            errors.append(error)

    slow = threading.Thread(target=patterned_put)
    slow.start()
    while not lock_held_while_matching and slow.is_alive():
        slow.join(timeout=0.01)
    other = threading.Thread(target=lambda: (
        boto3.client("ssm").put_parameter(Name="/other", Value="v", Type="String"),
        other_done.set(),
    ))
    other.start()
    other.join(timeout=30)
    finished_while_matching = other_done.is_set()
    other_done.set()
    slow.join(timeout=30)
    assert lock_held_while_matching == [False]
    assert finished_while_matching
    assert errors == []
    names = {p["Name"] for p in boto3.client("ssm").describe_parameters()["Parameters"]}
    assert names == {"/slow", "/other"}


def test_a_pattern_changed_while_matching_is_matched_again(kayvee, ssm_client, monkeypatch):
    """An overwrite keeps the latest version's pattern: if another write replaces that
    pattern during the match, the write is checked against the new one."""
    ssm_client.put_parameter(Name="/p", Value="abc", Type="String", AllowedPattern="^[a-z]+$")
    real_check = allowed_pattern.check
    seen = []

    def racing_check(pattern, value):
        seen.append(pattern)
        if len(seen) == 1:  # a concurrent writer sets a stricter pattern meanwhile
            boto3.client("ssm").put_parameter(Name="/p", Value="1", Type="String",
                                              AllowedPattern="^[0-9]+$", Overwrite=True)
        return real_check(pattern, value)

    monkeypatch.setattr(allowed_pattern, "check", racing_check)
    with pytest.raises(ssm_client.exceptions.ParameterPatternMismatchException):
        ssm_client.put_parameter(Name="/p", Value="xyz", Type="String", Overwrite=True)
    assert seen == ["^[a-z]+$", "^[0-9]+$", "^[0-9]+$"]
    assert ssm_client.get_parameter(Name="/p")["Parameter"]["Value"] == "1"
