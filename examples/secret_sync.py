"""A secret-sync job in the style of a Kubernetes controller, against ``kv-mock serve``.

The controller watches the secrets under a name prefix in Secrets Manager and keeps one
Kubernetes ``Secret`` manifest (YAML) per secret in a directory: whenever a secret's
``AWSCURRENT`` version changes — a rotation, a new value — its manifest is rewritten;
otherwise the file is left alone (a controller that rewrites unchanged objects makes
every watcher downstream restart pods for nothing).

    python examples/secret_sync.py --out manifests/                 # the story, fresh server
    python examples/secret_sync.py --endpoint URL --out DIR --watch  # sync a running server

The story starts a server with ``kv_mock.server(port=0)``, registers a rotation function
for a Lambda ARN on it (``kv_mock.rotators.random_value``), creates three secrets — two
rotating every day — and syncs. Then it moves the *mock's* clock two days forward through
the admin API (``POST /_kv_mock/clock/advance``; AWS rotates by the end of the due day):
the rotations fall due on the server's clock, the next sync sees the two new
``AWSCURRENT`` versions and rewrites exactly those two manifests. Nobody waits a day, and nothing but the server's clock was touched.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import tempfile
import time
import urllib.request
from typing import Any, Optional

import boto3

ROTATION_LAMBDA = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-db"
REGION = "eu-west-1"
ANNOTATION = "secrets.kv-mock.example"


def kubernetes_name(secret_name: str) -> str:
    """A DNS-1123 name for a secret name (``prod/db_password`` → ``prod-db-password``)."""
    name = re.sub(r"[^a-z0-9.-]+", "-", secret_name.lower()).strip("-.")
    return name[:253] or "secret"


def _quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML scalar, whatever it holds


def manifest(secret: dict, namespace: str) -> str:
    """The Kubernetes Secret for one GetSecretValue result, as YAML."""
    if "SecretBinary" in secret:
        data = {"value": secret["SecretBinary"]}
    else:
        try:
            document = json.loads(secret["SecretString"])
        except ValueError:
            document = None
        if isinstance(document, dict):
            data = {key: str(value).encode() for key, value in document.items()}
        else:
            data = {"value": secret["SecretString"].encode()}
    lines = [
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        f"  name: {_quoted(kubernetes_name(secret['Name']))}",
        f"  namespace: {_quoted(namespace)}",
        "  annotations:",
        f"    {ANNOTATION}/source-arn: {_quoted(secret['ARN'])}",
        f"    {ANNOTATION}/version-id: {_quoted(secret['VersionId'])}",
        "type: Opaque",
        "data:",
    ]
    for key in sorted(data):
        lines.append(f"  {_quoted(key)}: {base64.b64encode(data[key]).decode('ascii')}")
    return "\n".join(lines) + "\n"


class SecretSync:
    """One reconcile loop: list the secrets, compare AWSCURRENT, rewrite what changed."""

    def __init__(self, client: Any, out_dir: str, prefix: str = "", namespace: str = "default"):
        self.client = client
        self.out_dir = out_dir
        self.prefix = prefix
        self.namespace = namespace
        #: secret name → the AWSCURRENT version id its manifest holds
        self.synced: dict[str, str] = {}

    def current_versions(self) -> dict[str, str]:
        """Every watched secret's AWSCURRENT version id (ListSecrets carries them)."""
        filters = [{"Key": "name", "Values": [self.prefix]}] if self.prefix else []
        found = {}
        for page in self.client.get_paginator("list_secrets").paginate(Filters=filters):
            for entry in page["SecretList"]:
                for version_id, stages in entry.get("SecretVersionsToStages", {}).items():
                    if "AWSCURRENT" in stages:
                        found[entry["Name"]] = version_id
        return found

    def sync_once(self) -> list[str]:
        """Reconcile; the names whose manifests were (re)written."""
        written = []
        for name, version_id in sorted(self.current_versions().items()):
            if self.synced.get(name) == version_id:
                continue
            secret = self.client.get_secret_value(SecretId=name, VersionId=version_id)
            self._write(kubernetes_name(name), manifest(secret, self.namespace))
            self.synced[name] = version_id
            written.append(name)
        return written

    def _write(self, name: str, text: str) -> None:
        os.makedirs(self.out_dir, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.out_dir, suffix=".tmp")
        with os.fdopen(handle, "w") as file:
            file.write(text)
        os.replace(temporary, os.path.join(self.out_dir, f"{name}.yaml"))  # atomic for readers


def advance_clock(endpoint: str, **amount: float) -> dict:
    """Move the server's clock forward (the admin API)."""
    request = urllib.request.Request(
        f"{endpoint}/_kv_mock/clock/advance", data=json.dumps(amount).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def client_for(endpoint: str) -> Any:
    return boto3.client("secretsmanager", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="123456789012", aws_secret_access_key="not-checked")


def story(out_dir: str) -> None:
    import kv_mock
    import kv_mock.rotators

    server = kv_mock.server(port=0, region=REGION)
    with server as endpoint:
        # Rotation functions are Python callables in the server's process.
        server.mock.rotation_function(ROTATION_LAMBDA, kv_mock.rotators.random_value)
        secrets = client_for(endpoint)
        for name, value in (("prod/db", {"username": "app", "password": "first"}),
                            ("prod/cache", {"password": "first"}),
                            ("prod/api-key", "static-key")):
            secrets.create_secret(Name=name, SecretString=value if isinstance(value, str)
                                  else json.dumps(value))
        for name in ("prod/db", "prod/cache"):
            secrets.rotate_secret(SecretId=name, RotationLambdaARN=ROTATION_LAMBDA,
                                  RotationRules={"AutomaticallyAfterDays": 1},
                                  RotateImmediately=False)
        controller = SecretSync(secrets, out_dir, prefix="prod/")
        first = controller.sync_once()
        print(f"first sync wrote {first}")
        assert first == ["prod/api-key", "prod/cache", "prod/db"]
        assert controller.sync_once() == []  # nothing changed, nothing rewritten

        # AWS rotates within a window that ends at midnight UTC of the due day.
        due = secrets.describe_secret(SecretId="prod/db")["NextRotationDate"]
        print(f"rotation due by {due.isoformat()}")
        print(f"server clock advanced to {advance_clock(endpoint, days=2)['now']}")
        rotated = controller.sync_once()
        print(f"after the rotations fell due, sync wrote {rotated}")
        assert rotated == ["prod/cache", "prod/db"]
        with open(os.path.join(out_dir, "prod-db.yaml")) as file:
            text = file.read()
        password = re.search(r'"password": (\S+)', text).group(1)  # type: ignore[union-attr]
        assert base64.b64decode(password) != b"first"
        assert '"username": ' + base64.b64encode(b"app").decode() in text
        print(text, end="")


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="sync Secrets Manager into Kubernetes Secrets")
    parser.add_argument("--out", required=True, help="directory of the manifests")
    parser.add_argument("--endpoint", help="a running kv-mock serve (default: the story)")
    parser.add_argument("--prefix", default="", help="only secrets whose names start so")
    parser.add_argument("--watch", action="store_true", help="keep syncing (Ctrl-C stops)")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between syncs")
    arguments = parser.parse_args(argv)
    if arguments.endpoint is None:
        story(arguments.out)
        return
    controller = SecretSync(client_for(arguments.endpoint), arguments.out, arguments.prefix)
    while True:
        for name in controller.sync_once():
            print(f"synced {name} ({controller.synced[name]})", flush=True)
        if not arguments.watch:
            return
        time.sleep(arguments.interval)


if __name__ == "__main__":
    main()
