"""The AWS SDK for JavaScript v3 against ``kv-mock serve``: tests/clients/js/check.mjs writes
and reads both services and checks typed errors (``instanceof ParameterNotFound`` …).

Needs ``node`` and the packages of tests/clients/js (``npm ci`` there;
``.ci/jobs/20-clients.sh`` runs it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).parent / "js"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None
    or not (JS / "node_modules" / "@aws-sdk" / "client-ssm").is_dir()
    or not (JS / "node_modules" / "@aws-sdk" / "client-secrets-manager").is_dir(),
    reason="node or the AWS SDK for JavaScript is not installed: run `npm ci` in "
           "tests/clients/js (.ci/jobs/20-clients.sh does)",
)


def test_js_sdk_writes_and_reads_both_services(serve_endpoint):
    done = subprocess.run(
        ["node", "check.mjs", serve_endpoint, "js-test"], cwd=JS, capture_output=True,
        text=True, timeout=120, env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert (result["parameter"], result["secret"]) == ("db2.internal", "two")
    not_found, exists, missing = result["errors"]
    # AWS's own codes, messages and statuses reach the SDK's typed exceptions. AWS sends
    # ParameterNotFound without a message; the SDK then says "UnknownError".
    assert not_found == {"name": "ParameterNotFound", "message": "UnknownError", "status": 400}
    assert exists == {"name": "ParameterAlreadyExists", "status": 400, "message": (
        "The parameter already exists. To overwrite this value, set the overwrite option in "
        "the request to true.")}
    assert missing == {"name": "ResourceNotFoundException", "status": 400,
                       "message": "Secrets Manager can't find the specified secret."}
