"""Packaging details pyproject.toml cannot say: the plugin's installed name and the .pth hook.

* ``conftest_plugin/`` is installed as ``kv_mock_pytest``: a top-level ``conftest_plugin``
  would shadow (or be shadowed by) any project module of that name.
* ``kv_mock_guard.pth`` goes to site-packages: it arms the real-AWS guard in child
  interpreters that inherit ``KV_MOCK_BLOCK_REAL_AWS=1`` (see ``conftest_plugin/child_guard.py``).
"""

import os

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

PTH = "kv_mock_guard.pth"


class BuildWithPth(build_py):
    """build_py that also puts the .pth hook at the root of the build (so of the wheel)."""

    def run(self) -> None:
        super().run()
        self.copy_file(PTH, os.path.join(self.build_lib, PTH), preserve_mode=0)

    def get_outputs(self, include_bytecode: bool = True) -> list:
        return [*super().get_outputs(include_bytecode), os.path.join(self.build_lib, PTH)]


cmdclass: dict = {"build_py": BuildWithPth}

try:  # editable installs (pip install -e) build no wheel of build_py's files: add it there
    from setuptools.command.editable_wheel import editable_wheel
except ImportError:  # pragma: no cover - a setuptools without PEP 660 support
    editable_wheel = None

if editable_wheel is not None and hasattr(editable_wheel, "_select_strategy"):
    class _WithPth:
        """Wraps setuptools' editable strategy: the same files, plus the .pth hook."""

        def __init__(self, inner: object) -> None:
            self.inner = inner

        def __call__(self, wheel, files, mapping):  # type: ignore[no-untyped-def]
            result = self.inner(wheel, files, mapping)  # type: ignore[operator]
            with open(PTH, encoding="utf-8") as source:
                wheel.writestr(PTH, source.read())
            return result

        def __enter__(self) -> "_WithPth":
            self.inner.__enter__()  # type: ignore[attr-defined]
            return self

        def __exit__(self, *exc_info: object) -> None:
            self.inner.__exit__(*exc_info)  # type: ignore[attr-defined]

    class EditableWithPth(editable_wheel):  # type: ignore[misc, valid-type]
        def _select_strategy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return _WithPth(super()._select_strategy(*args, **kwargs))

    cmdclass["editable_wheel"] = EditableWithPth

setup(
    packages=[*find_packages(include=["kv_mock", "kv_mock.*"]), "kv_mock_pytest"],
    package_dir={"kv_mock_pytest": "conftest_plugin"},
    cmdclass=cmdclass,
)
