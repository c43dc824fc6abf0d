"""The ``kv-mock`` command: serve the mock over HTTP, or work with a persisted state.

``kv-mock serve`` answers the AWS CLI, any SDK and other processes on port 9350
(:mod:`kv_mock.transports.serve`; needs the ``server`` extra).

``kv-mock export --store state.db --path /app --out .env`` writes the parameters under
``/app`` (and, with ``--secrets-prefix``, matching secrets) of a state file kept by
``mock_kayvee(persist="state.db")`` to a dotenv file. ``kv-mock snapshot --store state.db``
prints the state as a snapshot document (JSON), which ``KvMock.restore`` loads;
``kv-mock restore --store state.db snapshot.json`` makes a state file from one, and
``kv-mock load --store state.db fixtures.yaml`` adds a preload file's parameters and secrets
to a state file, new or not. ``kv-mock --version`` prints the installed version.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable, Optional, Sequence

from . import __version__, envfile, preload
from .errors import KvMockError
from .mock import KvMock, mock_kayvee
from .state import DEFAULT_ACCOUNT_ID, DEFAULT_REGION
from .transports import DEFAULT_HOST, DEFAULT_PORT

#: Exit status for a usage or state-file problem (argparse's own convention).
EXIT_USAGE = 2
#: Exit status of an export that matched nothing (as ``grep``): nothing is written.
EXIT_NOTHING_MATCHED = 1


class NothingMatched(KvMockError):
    """The selection of ``kv-mock export`` matched no parameter and no secret."""


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``kv-mock`` with ``argv`` (default: the process's arguments); the exit status."""
    arguments = _parser().parse_args(argv)
    if arguments.command is _serve:
        return _serve(arguments)
    exists = os.path.exists(arguments.store)
    if not exists and not arguments.creates:
        print(f"kv-mock: no state file at {arguments.store}", file=sys.stderr)
        return EXIT_USAGE
    if exists and arguments.command is _restore and not arguments.replace:
        print(f"kv-mock: {arguments.store} exists; --replace replaces its state",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        with mock_kayvee(persist=arguments.store) as mock:
            arguments.command(mock, arguments)
    except NothingMatched as error:
        print(f"kv-mock: {error}", file=sys.stderr)
        return EXIT_NOTHING_MATCHED
    except KvMockError as error:
        if not exists:  # a command that failed leaves no new, half-made state file
            _remove_store(arguments.store)
        print(f"kv-mock: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0


def _remove_store(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):  # SQLite's write-ahead log and its index
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


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


def _restore(mock: KvMock, arguments: argparse.Namespace) -> None:
    try:
        with open(arguments.snapshot, encoding="utf-8") as source:
            document = json.load(source)
    except OSError as error:
        raise KvMockError(f"cannot read snapshot {arguments.snapshot!r}: {error}") from None
    except ValueError as error:
        raise KvMockError(f"snapshot {arguments.snapshot!r} is not JSON: {error}") from None
    mock.restore(document)
    print(f"kv-mock: restored {arguments.snapshot} into {arguments.store}", file=sys.stderr)


def _load(mock: KvMock, arguments: argparse.Namespace) -> None:
    """All of the file or nothing: a bad entry puts back the state the store had."""
    before = mock.snapshot()
    try:
        preload.load(
            mock.state, arguments.preload,
            region=arguments.region, account_id=arguments.account_id,
        )
    except KvMockError:
        mock.restore(before)
        raise
    mock.save()
    print(f"kv-mock: loaded {arguments.preload} into {arguments.store}", file=sys.stderr)


def _serve(arguments: argparse.Namespace) -> int:
    """``kv-mock serve``: the mock over HTTP (AWS JSON 1.1 and the admin API)."""
    try:
        from .transports import serve
        from .transports.caller import CallerRules
    except ImportError as missing:  # uvicorn is the `server` extra
        print(f"kv-mock: serve needs the server extra ({missing.name} is not installed): "
              "pip install 'kv-mock[server]'", file=sys.stderr)
        return EXIT_USAGE
    try:
        key_accounts = _pairs(arguments.key_account, "--key-account", "KEY_ID=ACCOUNT_ID")
        credentials = _pairs(arguments.credential, "--credential", "KEY_ID=SECRET_KEY")
        if arguments.verify_sigv4 and not credentials:
            raise KvMockError("--verify-sigv4 needs at least one --credential KEY_ID=SECRET_KEY")
        mock = KvMock(region=arguments.region or DEFAULT_REGION,
                      account_id=arguments.account_id or DEFAULT_ACCOUNT_ID,
                      seed=arguments.seed, preload=arguments.preload, persist=arguments.persist)
        rules = CallerRules(mock.account_id, mock.region, key_accounts, credentials,
                            arguments.verify_sigv4)
        return serve.run(mock, rules, host=arguments.host, port=arguments.port,
                         log_level=arguments.log_level, extension_port=arguments.extension_port)
    except KvMockError as error:
        print(f"kv-mock: {error}", file=sys.stderr)
        return EXIT_USAGE


def _pairs(values: Optional[list[str]], option: str, form: str) -> dict[str, str]:
    pairs = {}
    for value in values or ():
        key, separator, mapped = value.partition("=")
        if not separator or not key or not mapped:
            raise KvMockError(f"{option} takes {form}, got {value!r}")
        pairs[key] = mapped
    return pairs


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return int(text)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    summary = "serve the mock over HTTP (AWS JSON 1.1 protocol and the admin API)"
    command = commands.add_parser("serve", help=summary, description=summary)
    command.add_argument("--host", default=DEFAULT_HOST,
                         help="address to bind (default 127.0.0.1: this machine only)")
    command.add_argument("--port", type=_port, default=DEFAULT_PORT,
                         help="port (default 9350; 0 picks a free one and prints it)")
    command.add_argument("--extension-port", type=_port, default=None, metavar="PORT",
                         help="also serve the Lambda Parameters and Secrets extension API alone "
                              "on PORT (2773 is Lambda's; it is on --port in any case)")
    command.add_argument("--region", default=None, help=f"default region ({DEFAULT_REGION})")
    command.add_argument("--account-id", default=None,
                         help=f"default account ({DEFAULT_ACCOUNT_ID})")
    command.add_argument("--seed", type=int, default=None,
                         help="make generated ids and values reproducible")
    command.add_argument("--preload", default=None, metavar="FILE",
                         help="JSON or YAML file of parameters and secrets to start with")
    command.add_argument("--persist", default=None, metavar="FILE",
                         help="SQLite file keeping the state across restarts")
    command.add_argument("--key-account", action="append", metavar="KEY_ID=ACCOUNT_ID",
                         help="the account an access key id plays (repeatable; a 12-digit "
                              "key id is its own account)")
    command.add_argument("--credential", action="append", metavar="KEY_ID=SECRET_KEY",
                         help="a key pair --verify-sigv4 accepts (repeatable)")
    command.add_argument("--verify-sigv4", action="store_true",
                         help="refuse requests not signed by a --credential key pair")
    command.add_argument("--log-level", default="info",
                         choices=("critical", "error", "warning", "info", "debug"),
                         help="uvicorn's log level (default info; debug logs every request)")
    command.set_defaults(command=_serve)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kv-mock",
        description="Serve kv_mock over HTTP, or work with a kv_mock state file "
                    "(mock_kayvee(persist=...)).",
    )
    parser.add_argument("--version", action="version", version=f"kv-mock {__version__}")
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
    restore = _command(
        commands, "restore", _restore, "make the state file from a snapshot document (JSON)",
        creates=True, scoped=False,
    )
    restore.add_argument("snapshot", help="a snapshot document, as `kv-mock snapshot` prints")
    restore.add_argument(
        "--replace", action="store_true", help="replace the state of an existing state file"
    )
    load = _command(
        commands, "load", _load,
        "add a preload file's parameters and secrets to the state file (made if missing)",
        creates=True,
    )
    load.add_argument("preload", help="a JSON or YAML preload file (format: kv_mock.preload)")
    _add_serve(commands)
    return parser


def _command(
    commands: argparse._SubParsersAction,
    name: str,
    run: Callable[[KvMock, argparse.Namespace], None],
    summary: str,
    creates: bool = False,
    scoped: bool = True,
) -> argparse.ArgumentParser:
    """A subcommand on a state file; ``creates``: it may make the file; ``scoped``: it acts
    on one region and account (a snapshot holds all of them)."""
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("--store", required=True, help="the SQLite state file")
    if scoped:
        command.add_argument("--region", default=None, help="default: the state's own region")
        command.add_argument(
            "--account-id", default=None, help="default: the state's own account"
        )
    command.set_defaults(command=run, creates=creates)
    return command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
