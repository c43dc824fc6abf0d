"""Generated ids have AWS's formats; a seed makes them repeat."""

import uuid

from kv_mock.ids import IdSource


def test_uuid4_is_exactly_what_the_uuid_module_would_make():
    ours, reference = IdSource(seed=3), IdSource(seed=3)
    for _ in range(500):
        expected = str(uuid.UUID(int=reference.rng.getrandbits(128), version=4))
        assert ours.uuid4() == expected


def test_secret_arn_suffix_is_six_letters_or_digits():
    suffix = IdSource(seed=1).secret_arn_suffix()
    assert len(suffix) == 6 and suffix.isalnum() and suffix.isascii()
