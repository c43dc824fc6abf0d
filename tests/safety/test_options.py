"""``mock_kayvee``'s options are checked by the constructor, with messages that say what to do."""

import pytest

from kv_mock import KvMockError, mock_kayvee


@pytest.mark.parametrize("persist, message", [
    ("", "persist must name a file (got '', which SQLite would not keep); leave it out for a "
         "mock that forgets its state"),
    (":memory:", "persist must name a file (got ':memory:', which SQLite would not keep); "
                 "leave it out for a mock that forgets its state"),
    (123, "persist must be the path of a SQLite file, got 123"),
    (b"state.db", "persist must be the path of a SQLite file, got b'state.db'"),
])
def test_a_persist_that_keeps_nothing_is_refused_at_once(persist, message):
    with pytest.raises(KvMockError) as error:
        mock_kayvee(persist=persist)
    assert str(error.value) == message


def test_a_persist_file_in_a_missing_directory_is_refused(tmp_path):
    path = tmp_path / "nowhere" / "state.db"
    with pytest.raises(KvMockError) as error:
        mock_kayvee(persist=path)
    assert str(error.value) == (
        f"persist file {str(path)!r}: directory {str(path.parent)!r} does not exist"
    )


def test_a_persist_path_that_is_a_directory_is_refused(tmp_path):
    with pytest.raises(KvMockError, match="is a directory"):
        mock_kayvee(persist=tmp_path)


def test_a_missing_preload_file_is_refused_by_the_constructor(tmp_path):
    missing = tmp_path / "fixtures.yaml"
    with pytest.raises(KvMockError) as error:
        mock_kayvee(preload=missing)
    assert str(error.value) == f"cannot read preload file {str(missing)!r}: no such file"


@pytest.mark.parametrize("seed", [True, False, 1.5, "42"])
def test_a_seed_that_is_not_an_int_is_refused(seed):
    with pytest.raises(KvMockError) as error:
        mock_kayvee(seed=seed)
    assert str(error.value) == f"seed must be an int, got {seed!r}"


@pytest.mark.parametrize("region, message", [
    ("eu-wset-1", "region 'eu-wset-1' is not an AWS region botocore knows "
                  "(did you mean 'eu-west-1'?)"),
    ("EU-WEST-1", "region must look like 'eu-west-1', got 'EU-WEST-1'"),
    ("", "region must look like 'eu-west-1', got ''"),
    (1, "region must look like 'eu-west-1', got 1"),
])
def test_a_bad_region_is_refused(region, message):
    with pytest.raises(KvMockError) as error:
        mock_kayvee(region=region)
    assert str(error.value) == message


@pytest.mark.parametrize("account_id", ["12345678901", "1234567890123", 123456789012, "abcdefghijkl"])
def test_a_bad_account_id_is_refused(account_id):
    with pytest.raises(KvMockError) as error:
        mock_kayvee(account_id=account_id)
    assert str(error.value) == f"account_id must be a string of 12 digits, got {account_id!r}"


@pytest.mark.parametrize("limit", [0, -1, True, 2.0, "10"])
def test_a_bad_call_log_limit_is_refused(limit):
    with pytest.raises(KvMockError) as error:
        mock_kayvee(call_log_limit=limit)
    assert str(error.value) == f"call_log_limit must be a positive int, got {limit!r}"


def test_an_unknown_option_is_a_type_error():
    with pytest.raises(TypeError):
        mock_kayvee(regoin="eu-west-1")


def test_good_options_are_accepted(tmp_path):
    preload = tmp_path / "p.json"
    preload.write_text('{"parameters": [{"name": "/p", "value": "v"}]}')
    with mock_kayvee(region="eu-west-1", account_id="111122223333", seed=0, preload=preload,
                     persist=tmp_path / "s.db", call_log_limit=5) as kv:
        assert (kv.region, kv.account_id, kv.calls.limit) == ("eu-west-1", "111122223333", 5)
