"""``kv-mock serve --extension-port``: the command serves the extension on a second port
(a taken extension port: tests/server/test_serve_cli.py).

In a module of its own: while a module-scoped in-process server runs, boto3 clients of
this process would be answered by that mock, not by the subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys

import boto3

from .test_served_extension import get


def test_kv_mock_serve_extension_port():
    process = subprocess.Popen(
        [sys.executable, "-m", "kv_mock", "serve", "--port", "0", "--extension-port", "0",
         "--log-level", "warning"], stdout=subprocess.PIPE, text=True)
    try:
        extension_line = process.stdout.readline()
        serving_line = process.stdout.readline()
        assert extension_line.startswith("kv-mock Lambda extension on http://127.0.0.1:")
        assert serving_line.startswith("kv-mock serving on http://127.0.0.1:")
        extension_url, endpoint = extension_line.split()[-1], serving_line.split()[-1]
        boto3.client("ssm", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="k", aws_secret_access_key="s").put_parameter(
            Name="/cli/p", Value="v", Type="String")
        status, body = get(extension_url, "/systemsmanager/parameters/get?name=/cli/p")
        assert status == 200 and json.loads(body)["Parameter"]["Value"] == "v"
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0

