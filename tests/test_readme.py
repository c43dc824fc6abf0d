"""Every Python example in the README runs as written."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL)


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_readme_example_runs(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files (.env, state.db) write here
    namespace: dict = {"__name__": "readme_example"}
    exec(compile("import boto3\nfrom kv_mock import mock_kayvee\n" + example, "README", "exec"),
         namespace)
    for name, value in namespace.items():
        if name.startswith("test_") and callable(value) and not value.__code__.co_argcount:
            value()
