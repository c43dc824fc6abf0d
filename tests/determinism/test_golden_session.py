"""mock_kayvee(seed=…): the same calls give byte-identical responses, in and across processes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kv_mock

from .session import run_session

SESSION = Path(__file__).with_name("session.py")
SEED = 20240301
#: The subprocesses import the kv_mock under test, wherever this process found it.
SOURCE_ROOT = str(Path(kv_mock.__file__).resolve().parents[1])


def _run_in_subprocess(seed, hash_seed):
    result = subprocess.run(
        [sys.executable, str(SESSION), str(seed)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONHASHSEED": str(hash_seed), "PYTHONPATH": SOURCE_ROOT},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def golden():
    return run_session(SEED)


def test_a_seeded_session_repeats_byte_for_byte_in_process(golden):
    assert run_session(SEED) == golden


def test_a_seeded_session_repeats_byte_for_byte_across_processes_and_hash_seeds(golden):
    first = _run_in_subprocess(SEED, hash_seed=1)
    second = _run_in_subprocess(SEED, hash_seed=4242)
    assert first == second == golden


def test_another_seed_gives_other_values(golden):
    assert run_session(SEED + 1) != golden


def test_without_a_seed_values_differ_between_runs():
    assert run_session(None) != run_session(None)
