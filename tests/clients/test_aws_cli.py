"""The AWS CLI against ``kv-mock serve``: tests/clients/cli/check.sh writes and reads both
services and checks typed errors.

The CLI is found as ``$KV_MOCK_AWS_CLI`` or ``aws`` on ``PATH`` (``.ci/jobs/20-clients.sh``
installs it in a venv of its own: its botocore pin may differ from ours).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "cli" / "check.sh"


def _aws_cli() -> str | None:
    return os.environ.get("KV_MOCK_AWS_CLI") or shutil.which("aws")


pytestmark = pytest.mark.skipif(
    _aws_cli() is None,
    reason="the AWS CLI is not installed (pip install awscli, or set KV_MOCK_AWS_CLI); "
           ".ci/jobs/20-clients.sh installs it",
)


def test_aws_cli_writes_and_reads_both_services(serve_endpoint):
    cli = Path(_aws_cli()).resolve()  # type: ignore[arg-type]
    environment = {**os.environ, "PATH": f"{cli.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(SCRIPT), serve_endpoint, "cli-test"], env=environment,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "errors": ["ParameterNotFound", "ResourceNotFoundException", "ResourceExistsException"]}
