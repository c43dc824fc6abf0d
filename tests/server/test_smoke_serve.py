"""`kv-mock serve` starts, answers boto3 over HTTP and stops on SIGTERM."""

import subprocess
import sys

import boto3


def test_serve_answers_boto3_and_stops_on_sigterm():
    process = subprocess.Popen(
        [sys.executable, "-m", "kv_mock", "serve", "--port", "0", "--log-level", "warning"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("kv-mock serving on http://127.0.0.1:"), line
        endpoint = line.split()[-1]
        ssm = boto3.client("ssm", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="k", aws_secret_access_key="s")
        ssm.put_parameter(Name="/a", Value="1", Type="String")
        assert ssm.get_parameter(Name="/a")["Parameter"]["Value"] == "1"
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0
