"""The pytest plugin's ways to preload: the kayvee marker and the kv_mock_preload ini option."""

import json
import subprocess
import sys
import textwrap

import pytest


@pytest.mark.kayvee(preload={"parameters": [{"name": "/from/marker", "value": "m"}]})
def test_the_kayvee_marker_preloads(ssm_client):
    assert ssm_client.get_parameter(Name="/from/marker")["Parameter"]["Value"] == "m"


def _run_pytest(directory):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(directory)],
        capture_output=True, text=True, cwd=directory, timeout=120,
    )


def test_the_ini_option_preloads_every_kayvee_fixture_unless_a_marker_says_otherwise(tmp_path):
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "aws.json").write_text(
        json.dumps({"parameters": [{"name": "/from/ini", "value": "i"}]})
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nkv_mock_preload = fixtures/aws.json\n")
    (tmp_path / "test_preloaded.py").write_text(textwrap.dedent("""
        import pytest

        def test_ini_preload(ssm_client):
            assert ssm_client.get_parameter(Name="/from/ini")["Parameter"]["Value"] == "i"

        @pytest.mark.kayvee(preload={"secrets": [{"name": "m", "secret_string": "x"}]})
        def test_marker_wins(kayvee, ssm_client):
            assert list(kayvee.dump()["123456789012"]["us-east-1"]["secrets"]) == ["m"]
            assert kayvee.dump()["123456789012"]["us-east-1"]["parameters"] == {}
    """))
    result = _run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
