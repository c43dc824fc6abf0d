"""A running ``kv-mock serve`` (a real subprocess, as a user starts it) for the client tests."""

from __future__ import annotations

import subprocess
import sys
from typing import Iterator

import pytest


@pytest.fixture(scope="module")
def serve_endpoint() -> Iterator[str]:
    """``kv-mock serve --port 0`` in its own process; its endpoint URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kv_mock", "serve", "--port", "0", "--log-level", "warning"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("kv-mock serving on "), line
        yield line.split()[-1]
    finally:
        process.terminate()
        process.wait(timeout=20)
