"""The moto migration example (examples/moto_migration/), run as CI runs it.

Three runs of pytest in a subprocess: the moto-style module under moto, the same module
with only its import switched to kv_mock, and its migrated form. The counts are the
example's before/after numbers in docs/migrating-from-moto.md. Three interpreters and a
moto run take ~20 s, so the main suite leaves this to its own CI job
(``.ci/jobs/30-moto-migration.sh``, which sets ``KV_MOCK_RUN_EXAMPLES=1``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("KV_MOCK_RUN_EXAMPLES") != "1",
    reason="run by .ci/jobs/30-moto-migration.sh (KV_MOCK_RUN_EXAMPLES=1)",
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "moto_migration"
SWITCHED_IMPORT = ("from moto import mock_aws", "from kv_mock import mock_kayvee as mock_aws")

#: The moto-style tests that fail when only the import changes: each is a place where
#: moto and AWS differ and kv_mock follows AWS.
FAIL_AFTER_SWITCH = {
    "test_securestring_without_decryption_shows_the_key_and_value",
    "test_securestring_with_any_key_id",
    "test_missing_parameter_message",
    "test_describe_parameters_in_big_pages",
    "test_parameter_name_with_a_space",
    "test_missing_secret_is_a_404",
    "test_rotate_secret",
    "test_recreating_a_deleted_secret",
}


def _outcomes(module: Path, tmp_path: Path) -> dict[str, str]:
    """Test name → "passed" / "failed", from a pytest run of ``module`` alone."""
    report = tmp_path / f"{module.stem}.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"--junitxml={report}", "--rootdir", str(module.parent), str(module)],
        cwd=module.parent, capture_output=True, text=True, timeout=300, check=False,
    )
    outcomes = {}
    for case in ElementTree.parse(report).iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        outcomes[case.get("name")] = "failed" if failed else "passed"
    return outcomes


@pytest.fixture(scope="module")
def tmp_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("moto_migration")


def test_the_moto_module_passes_under_moto(tmp_dir):
    outcomes = _outcomes(EXAMPLE / "test_with_moto.py", tmp_dir)
    assert len(outcomes) == 15 and set(outcomes.values()) == {"passed"}


def test_switching_only_the_import_fails_exactly_the_tests_where_moto_differs_from_aws(tmp_dir):
    source = (EXAMPLE / "test_with_moto.py").read_text()
    assert SWITCHED_IMPORT[0] in source
    switched = tmp_dir / "switched" / "test_switched.py"
    switched.parent.mkdir()
    switched.write_text(source.replace(*SWITCHED_IMPORT))
    outcomes = _outcomes(switched, tmp_dir)
    assert {name for name, outcome in outcomes.items() if outcome == "failed"} == (
        FAIL_AFTER_SWITCH)
    assert len(outcomes) == 15  # so 7 pass, among them the three that make keys with kms


def test_the_migrated_module_passes_under_kv_mock(tmp_dir):
    outcomes = _outcomes(EXAMPLE / "test_migrated.py", tmp_dir)
    assert len(outcomes) == 15 and set(outcomes.values()) == {"passed"}
