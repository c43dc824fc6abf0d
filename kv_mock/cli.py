"""The ``kv-mock`` command: work with a mock's persisted state from the shell.

``kv-mock export --store state.db --path /app --out .env`` writes the parameters under
``/app`` (and, with ``--secrets-prefix``, matching secrets) of a state file kept by
``mock_kayvee(persist="state.db")`` to a dotenv file. ``kv-mock snapshot --store state.db``
prints the state as a snapshot document (JSON), which ``KvMock.restore`` loads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable, Optional, Sequence

from . import envfile
from .errors import KvMockError
from .mock import KvMock, mock_kayvee
from .state import DEFAULT_ACCOUNT_ID, DEFAULT_REGION

#: Exit status for a usage or state-file problem (argparse's own convention).
EXIT_USAGE = 2
#: Exit status of an export that matched nothing (as ``grep``): nothing is written.
EXIT_NOTHING_MATCHED = 1


class NothingMatched(KvMockError):
    """The selection of ``kv-mock export`` matched no parameter and no secret."""


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``kv-mock`` with ``argv`` (default: the process's arguments); the exit status."""
    arguments = _parser().parse_args(argv)
    if not os.path.exists(arguments.store):
        print(f"kv-mock: no state file at {arguments.store}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with mock_kayvee(persist=arguments.store) as mock:
            arguments.command(mock, arguments)
    except NothingMatched as error:
        print(f"kv-mock: {error}", file=sys.stderr)
        return EXIT_NOTHING_MATCHED
    except KvMockError as error:
        print(f"kv-mock: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0


def _export(mock: KvMock, arguments: argparse.Namespace) -> None:
    if arguments.path is None and arguments.secrets_prefix is None:
        raise KvMockError("nothing to export: give --path, --secrets-prefix or both")
    selection = dict(
        region=arguments.region or mock.state.default_region,
        account_id=arguments.account_id or mock.state.default_account_id,
        parameters_path=arguments.path,
        secrets_prefix=arguments.secrets_prefix,
    )
    variables = envfile.collect(mock.state, **selection, strip_prefix=arguments.strip_prefix)
    if not variables:
        raise NothingMatched(envfile.nothing_matched(mock.state, **selection))
    if arguments.out == "-":
        sys.stdout.write(envfile.render(variables))
    else:
        envfile.write(arguments.out, variables)
        mock.save()
    target = "standard output" if arguments.out == "-" else arguments.out
    plural = "" if len(variables) == 1 else "s"
    print(f"kv-mock: wrote {len(variables)} variable{plural} to {target}", file=sys.stderr)


def _snapshot(mock: KvMock, arguments: argparse.Namespace) -> None:
    json.dump(mock.snapshot(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kv-mock", description="Work with a kv_mock state file (mock_kayvee(persist=...))."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    export = _command(commands, "export", _export, "write values to a dotenv file")
    export.add_argument("--path", help="export the parameters under this path, e.g. /app")
    export.add_argument(
        "--secrets-prefix", help="export the secrets whose names start with this prefix"
    )
    export.add_argument(
        "--strip-prefix", action="store_true",
        help="drop the path / prefix from the variable names (/app/db/url -> DB_URL)",
    )
    export.add_argument(
        "--out", default="-", help="the dotenv file to write (default: standard output)"
    )
    _command(commands, "snapshot", _snapshot, "print the state as a snapshot document (JSON)")
    return parser


def _command(
    commands: argparse._SubParsersAction,
    name: str,
    run: Callable[[KvMock, argparse.Namespace], None],
    summary: str,
) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("--store", required=True, help="the SQLite state file")
    command.add_argument("--region", default=None, help="default: the state's own region")
    command.add_argument(
        "--account-id", default=None, help="default: the state's own account"
    )
    command.set_defaults(command=run)
    return command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
