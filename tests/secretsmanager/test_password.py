"""GetRandomPassword: defaults, every option, guarantees (hypothesis), impossible requests."""

import string
from collections import Counter

import boto3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock import mock_kayvee

CLASSES = {
    "ExcludeUppercase": set(string.ascii_uppercase),
    "ExcludeLowercase": set(string.ascii_lowercase),
    "ExcludeNumbers": set(string.digits),
    "ExcludePunctuation": set(string.punctuation),
}


def test_default_is_32_characters_of_every_type(sm):
    password = sm.get_random_password()["RandomPassword"]
    assert len(password) == 32
    for characters in CLASSES.values():
        assert set(password) & characters
    assert " " not in password


def test_punctuation_set_is_awss_32_characters(sm):
    seen = set("".join(sm.get_random_password(
        PasswordLength=4096, ExcludeUppercase=True, ExcludeLowercase=True, ExcludeNumbers=True,
    )["RandomPassword"]))
    assert seen == set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')


def test_seed_makes_passwords_reproducible():
    def password():
        with mock_kayvee(seed=7):
            client = boto3.client("secretsmanager", region_name="us-east-1")
            return client.get_random_password()["RandomPassword"]
    assert password() == password()


def test_required_types_are_not_always_at_the_end(sm):
    """A required digit (only "9" left) shows up at every position, not just the last."""
    positions = Counter()
    for _ in range(200):
        password = sm.get_random_password(
            PasswordLength=4, ExcludePunctuation=True, ExcludeUppercase=True,
            ExcludeCharacters="012345678")
        positions.update(i for i, c in enumerate(password["RandomPassword"]) if c.isdigit())
    assert set(positions) == {0, 1, 2, 3}


def test_too_short_for_the_required_types_is_refused(sm, aws_error):
    aws_error(lambda: sm.get_random_password(PasswordLength=3), "InvalidParameterException",
              "Password length is too short based on the required types.")


def test_too_short_is_fine_when_types_are_not_required(sm):
    assert len(sm.get_random_password(
        PasswordLength=1, RequireEachIncludedType=False)["RandomPassword"]) == 1


def test_everything_excluded_is_refused(sm, aws_error):
    aws_error(
        lambda: sm.get_random_password(ExcludeUppercase=True, ExcludeLowercase=True,
                                       ExcludeNumbers=True, ExcludePunctuation=True),
        "InvalidParameterException",
        "The password can't be generated because every character is excluded.",
    )


def test_space_alone_is_enough_when_included(sm):
    password = sm.get_random_password(
        PasswordLength=5, IncludeSpace=True, ExcludeUppercase=True, ExcludeLowercase=True,
        ExcludeNumbers=True, ExcludePunctuation=True)["RandomPassword"]
    assert password == "     "


@pytest.mark.parametrize("length", [0, 4097])
def test_length_outside_1_to_4096_is_a_validation_error(raw_sm, aws_error, length):
    bound = "greater than or equal to 1" if length == 0 else "less than or equal to 4096"
    aws_error(
        lambda: raw_sm.get_random_password(PasswordLength=length),
        "ValidationException",
        f"1 validation error detected: Value '{length}' at 'passwordLength' failed to satisfy "
        f"constraint: Member must have value {bound}",
    )


@settings(max_examples=50, deadline=None)
@given(
    length=st.integers(4, 64),
    switches=st.fixed_dictionaries({name: st.booleans() for name in CLASSES}),
    exclude=st.text(string.printable.strip(), max_size=20),
    include_space=st.booleans(),
)
def test_password_guarantees(length, switches, exclude, include_space):
    with mock_kayvee():
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        allowed = set().union(*(c for n, c in CLASSES.items() if not switches[n])) - set(exclude)
        if include_space and " " not in exclude:
            allowed.add(" ")
        if not allowed:
            return
        password = sm.get_random_password(
            PasswordLength=length, ExcludeCharacters=exclude, IncludeSpace=include_space,
            **switches)["RandomPassword"]
    assert len(password) == length
    assert set(password) <= allowed
    for name, characters in CLASSES.items():
        if not switches[name] and characters - set(exclude):
            assert set(password) & characters
