"""Run in child interpreters (spawn, forkserver, subprocesses): an un-mocked SSM call.

Imports boto3 only — never kv_mock — and refuses sockets itself, recording each address,
so the parent sees whether the guard stopped the call before anything was sent.
"""

import socket


def unmocked_call(_: object = None) -> tuple[str, str, list]:
    connections: list = []

    def refuse(self, address):
        connections.append(address)
        raise OSError(f"no sockets in this child ({address})")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    import boto3

    ssm = boto3.client(
        "ssm", region_name="eu-west-1", aws_access_key_id="AKIAFAKEFAKEFAKEFAKE",
        aws_secret_access_key="fake",
    )
    try:
        ssm.get_parameter(Name="/child")
    except Exception as error:  # what the child got, for the parent to assert on
        return type(error).__name__, str(error), connections
    return "no error", "", connections
