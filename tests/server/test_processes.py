"""Other processes share the server's state: ``multiprocessing`` children started with
``spawn`` (Python 3.14's default on Linux) find the endpoint in ``AWS_ENDPOINT_URL``."""

from __future__ import annotations

import multiprocessing

import boto3


def _child(index: int) -> str:
    """Runs in a fresh interpreter: no mock there, only the endpoint in the environment."""
    ssm = boto3.client("ssm", region_name="us-east-1", aws_access_key_id="k",
                       aws_secret_access_key="s")
    seen = ssm.get_parameter(Name="/shared/from-parent")["Parameter"]["Value"]
    ssm.put_parameter(Name=f"/shared/from-child-{index}", Value=f"child {index}", Type="String")
    return seen


def test_spawned_children_share_the_parents_server_state(kayvee, kayvee_server, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", kayvee_server)
    ssm = boto3.client("ssm", region_name="us-east-1", aws_access_key_id="k",
                       aws_secret_access_key="s")
    ssm.put_parameter(Name="/shared/from-parent", Value="parent", Type="String")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        assert pool.map(_child, range(3), chunksize=1) == ["parent"] * 3
    written = ssm.get_parameters_by_path(Path="/shared")["Parameters"]
    assert sorted(p["Name"] for p in written) == [
        "/shared/from-child-0", "/shared/from-child-1", "/shared/from-child-2",
        "/shared/from-parent"]
    assert kayvee.calls.count("PutParameter") == 4
