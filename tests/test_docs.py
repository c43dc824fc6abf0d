"""Every Python example in the README, and on the documentation pages that promise it, runs
as written: a block is executed with boto3 and mock_kayvee imported, then every argument-less
``test_*`` function it defines is called."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The README and the pages whose ```python blocks are complete programs (others show
#: fragments: a server's or a notebook's).
RUNNABLE_PAGES = (
    "README.md", "docs/recipes.md", "docs/notebooks.md", "docs/index.md", "docs/server.md",
    "docs/shared-parameters.md",
)


def _examples():
    for page in RUNNABLE_PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for index, block in enumerate(re.findall(r"```python\n(.*?)```", text, re.DOTALL)):
            yield pytest.param(block, page, id=f"{page}-{index}")


@pytest.mark.parametrize(("example", "page"), list(_examples()))
def test_example_runs(example, page, tmp_path, monkeypatch):
    if "aiobotocore" in example:  # the recipe for the optional `async` extra
        pytest.importorskip("aiobotocore")
    monkeypatch.chdir(tmp_path)  # examples that write files (.env, state.db) write here
    namespace: dict = {"__name__": "docs_example"}
    exec(compile("import boto3\nfrom kv_mock import mock_kayvee\n" + example, page, "exec"),
         namespace)
    for name, value in namespace.items():
        if name.startswith("test_") and callable(value) and not value.__code__.co_argcount:
            value()
