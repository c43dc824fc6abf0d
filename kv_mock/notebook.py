"""The IPython extension: ``%load_ext kv_mock``, then the ``%kv`` line magic.

``%kv start [--region R] [--account-id A] [--seed N] [--preload FILE] [--persist FILE]``
switches a mock on and binds it to ``kv`` in the notebook; ``%kv stop`` switches it off;
``%kv reset`` forgets what it stored (a new mock with the same options); ``%kv show
[--reveal]`` displays it.

Notebook cells are re-run far more often than they are read, so ``%kv start`` is idempotent
instead of nesting: re-running it with the same options leaves the running mock (and what it
stored) alone, and with other options it stops that mock and starts one with the new
options, saying so. A mock started outside the magic (``mock_kayvee().start()``) is never
stopped by it: ``%kv start`` then refuses, naming ``kv_mock.stop_all()``.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any, Optional

from . import activation
from .errors import KvMockError
from .mock import KvMock

#: The name the magic binds its mock to in the notebook's namespace.
NAMESPACE_NAME = "kv"


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting the kernel on a bad ``%kv`` line."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        raise KvMockError(f"%kv: {message}")


def _parser() -> _Parser:
    parser = _Parser(prog="%kv", add_help=False)
    parser.add_argument("action", choices=("start", "stop", "reset", "show"))
    parser.add_argument("--region")
    parser.add_argument("--account-id")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--preload")
    parser.add_argument("--persist")
    parser.add_argument("--reveal", action="store_true")
    return parser


class KvMagic:
    """The ``%kv`` magic of one IPython shell and the mock it started, if any."""

    def __init__(self, shell: Any) -> None:
        self.shell = shell
        self.mock: Optional[KvMock] = None
        self.options: dict[str, Any] = {}

    def __call__(self, line: str) -> Any:
        try:
            arguments = _parser().parse_args(shlex.split(line))
            options = {
                name: value
                for name in ("region", "account_id", "seed", "preload", "persist")
                if (value := getattr(arguments, name)) is not None
            }
            return getattr(self, arguments.action)(options, arguments.reveal)
        except KvMockError as error:
            print(f"kv_mock: {error}")
            return None

    def start(self, options: dict[str, Any], reveal: bool = False) -> None:
        if self.mock is not None and self.mock.active:
            if options == self.options:
                print(f"kv_mock: already on with these options; {self.mock!r}")
                return
            self.mock.stop()
            print("kv_mock: options changed; the previous mock was stopped, its state forgotten")
        if activation.active_state is not None:
            raise KvMockError(
                "another mock (not started by %kv) is on; stop it, or kv_mock.stop_all()"
            )
        self.mock = KvMock(**options)
        self.options = options
        self.mock.start()
        self.shell.push({NAMESPACE_NAME: self.mock})
        print(f"kv_mock: on, bound to `{NAMESPACE_NAME}`; {self.mock!r}")

    def stop(self, options: dict[str, Any], reveal: bool = False) -> None:
        if self.mock is None or not self.mock.active:
            print("kv_mock: %kv started no mock that is on; nothing to stop")
            return
        self.mock.stop()
        print("kv_mock: off")

    def reset(self, options: dict[str, Any], reveal: bool = False) -> None:
        if self.mock is None or not self.mock.active:
            raise KvMockError("nothing to reset: %kv start first")
        self.mock.stop()
        self.mock = None
        self.start(self.options)

    def show(self, options: dict[str, Any], reveal: bool = False) -> Any:
        if self.mock is None:
            raise KvMockError("nothing to show: %kv start first")
        from IPython.display import HTML

        return HTML(self.mock.html(reveal=reveal))


def load_ipython_extension(shell: Any) -> None:
    """Register ``%kv`` in ``shell`` (IPython calls this on ``%load_ext kv_mock``)."""
    shell.register_magic_function(KvMagic(shell), magic_kind="line", magic_name="kv")
