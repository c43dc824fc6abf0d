"""Every Python example on the documentation pages that promise it runs as written."""

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The pages whose ```python blocks are complete programs (others show fragments).
RUNNABLE_PAGES = (
    "recipes.md", "notebooks.md", "index.md", "server.md", "shared-parameters.md",
)


def _examples():
    for page in RUNNABLE_PAGES:
        text = (DOCS / page).read_text(encoding="utf-8")
        for index, block in enumerate(re.findall(r"```python\n(.*?)```", text, re.DOTALL)):
            yield pytest.param(block, id=f"{page}-{index}")


@pytest.mark.parametrize("example", list(_examples()))
def test_docs_example_runs(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "docs_example"}
    exec(compile("import boto3\nfrom kv_mock import mock_kayvee\n" + example, "docs", "exec"),
         namespace)
    for name, value in namespace.items():
        if name.startswith("test_") and callable(value) and not value.__code__.co_argcount:
            value()
