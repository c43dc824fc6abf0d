"""Export parameters and secrets to a dotenv (``.env``) file.

What is written: the latest value of every parameter under a path (SecureStrings
decrypted), and the ``AWSCURRENT`` value of every secret whose name starts with a prefix
(a binary secret as base64). Due time-driven events run first, so expired parameters and
deleted secrets are gone; secrets scheduled for deletion are left out too, as
``GetSecretValue`` refuses them.

Names (:func:`env_name`): the optional prefix is stripped, then every character other than
an ASCII letter or digit becomes ``_``, leading slashes are dropped and letters upper-cased:
``/app/db/password`` → ``APP_DB_PASSWORD`` (``DB_PASSWORD`` with the prefix ``/app``
stripped); a name starting with a digit gets a leading ``_``. Two entries mapping to the
same name are an error naming both.

Values (:func:`quote`): double-quoted, with ``\\``, ``"``, newline and carriage return
escaped as ``\\\\``, ``\\"``, ``\\n``, ``\\r`` — the escapes python-dotenv and docker compose
(docs.docker.com/compose/env-file/) read in double-quoted values. A value containing ``$``
(and none of ``'``, ``\\``, carriage return) is single-quoted instead, its newlines written
as they are: compose interpolates ``$`` in double quotes, not in single ones, and both
readers take a single-quoted value literally across lines (compose-go's ``dotenv`` parser
scans to the closing quote; python-dotenv reads multi-line quoted values). No quoting keeps a
``$`` beside ``'``, ``\\`` or a carriage return for both readers; such a value is
double-quoted, which python-dotenv reads back and compose would interpolate. python-dotenv
expands ``${NAME}`` in any value, single-quoted ones too, unless loaded with
``interpolate=False``, and releases before its PR #680 misread a quoted value that ends in a
backslash.

The file lists variables sorted by name, one per line, and is replaced atomically (a
temporary file renamed over it, readable by its owner only: it holds secrets); exporting an
unchanged store writes identical bytes.
"""

from __future__ import annotations

import base64
import datetime as _dt
import os
import re
import tempfile
from typing import TYPE_CHECKING, Iterator, Optional, Union

from .errors import KvMockError
from .store.backend import Backend
from .store.parameters import Parameter
from .store.secrets import AWSCURRENT

if TYPE_CHECKING:
    from .state import MockState

_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")
#: The one parameter policy that removes a parameter when its time comes.
EXPIRATION = "Expiration"

_DOUBLE_QUOTE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
#: What a single-quoted value cannot hold: python-dotenv unescapes ``\\`` and ``\'`` there and
#: compose does not; python-dotenv reads a file with universal newlines, so a lone ``\r``
#: would come back as ``\n``.
_SINGLE_QUOTE_UNSAFE = ("'", "\\", "\r")


def env_name(name: str, prefix: str = "") -> str:
    """The variable name of parameter or secret ``name``, with ``prefix`` stripped."""
    if prefix and name.startswith(prefix):
        name = name[len(prefix):]
    mapped = _NOT_ALPHANUMERIC.sub("_", name.lstrip("/")).upper()
    return "_" + mapped if mapped[:1].isdigit() else mapped


def quote(value: str) -> str:
    """``value`` as a dotenv value that python-dotenv and docker compose read back as is."""
    if "$" in value and not any(unsafe in value for unsafe in _SINGLE_QUOTE_UNSAFE):
        return f"'{value}'"
    return '"' + value.translate(_DOUBLE_QUOTE_ESCAPES) + '"'


def render(variables: dict[str, str]) -> str:
    """The dotenv text of ``variables``: ``NAME="value"`` lines sorted by name."""
    return "".join(f"{name}={quote(variables[name])}\n" for name in sorted(variables))


def collect(
    state: "MockState",
    *,
    account_id: str,
    region: str,
    parameters_path: Optional[str] = None,
    secrets_prefix: Optional[str] = None,
    strip_prefix: bool = False,
) -> dict[str, str]:
    """The variables to export, by name; raises :class:`KvMockError` on a name collision."""
    state.run_due_events()
    with state.lock:
        # Looked up, not created: exporting an empty region must not add a backend to it.
        backend = state.backends.get((account_id, region))
        entries = [] if backend is None else list(_entries(
            backend, state.clock.now(), parameters_path, secrets_prefix, strip_prefix
        ))
    sources: dict[str, str] = {}
    variables: dict[str, str] = {}
    for source, variable, value in entries:
        _check_name(source, variable, sources)
        sources[variable], variables[variable] = source, value
    return variables


def nothing_matched(
    state: "MockState",
    *,
    account_id: str,
    region: str,
    parameters_path: Optional[str] = None,
    secrets_prefix: Optional[str] = None,
) -> str:
    """Why an export found nothing: what was asked, and the regions that do hold data."""
    asked = []
    if parameters_path is not None:
        asked.append(f"no parameters under {parameters_path!r}")
    if secrets_prefix is not None:
        asked.append(f"no secrets named {secrets_prefix!r}…")
    with state.lock:
        elsewhere = sorted(
            f"{account}/{where}" for (account, where), backend in state.backends.items()
            if (account, where) != (account_id, region)
            and (len(backend.parameters) or len(backend.secrets))
        )
    hint = f"; data is in {', '.join(elsewhere)}" if elsewhere else "; the store is empty"
    return (
        f"nothing to export: {' and '.join(asked) or 'nothing selected'} in account "
        f"{account_id}, region {region}{hint}"
    )


def _entries(
    backend: Backend,
    now: _dt.datetime,
    parameters_path: Optional[str],
    secrets_prefix: Optional[str],
    strip_prefix: bool,
) -> Iterator[tuple[str, str, str]]:
    """``(source, variable, value)`` for each parameter and secret selected."""
    if parameters_path is not None:
        prefix = parameters_path.rstrip("/") + "/"
        for name, value in _parameter_values(backend, prefix, now):
            yield f"parameter {name}", env_name(name, prefix if strip_prefix else ""), value
    if secrets_prefix is not None:
        for name, value in _secret_values(backend, secrets_prefix):
            yield f"secret {name}", env_name(name, secrets_prefix if strip_prefix else ""), value


def _check_name(source: str, variable: str, sources: dict[str, str]) -> None:
    if not variable:
        raise KvMockError(f"{source} maps to an empty variable name")
    if variable in sources:
        raise KvMockError(f"{sources[variable]} and {source} both map to the variable {variable}")


def _parameter_values(
    backend: Backend, prefix: str, now: _dt.datetime
) -> Iterator[tuple[str, str]]:
    names = backend.parameters.names_with_prefix("" if prefix == "/" else prefix)
    for name in names:
        parameter = backend.parameters.get(name)
        if parameter is not None and parameter.versions and not _expired(parameter, now):
            yield name, parameter.latest.value


def _expired(parameter: Parameter, now: _dt.datetime) -> bool:
    return any(
        policy.type == EXPIRATION and policy.timestamp is not None and policy.timestamp <= now
        for policy in parameter.latest.policies
    )


def _secret_values(backend: Backend, prefix: str) -> Iterator[tuple[str, str]]:
    for secret in backend.secrets.in_name_range(prefix):
        if not secret.name.startswith(prefix):
            return
        if secret.deleted_date is not None:
            continue
        current = secret.version_with_stage(AWSCURRENT)
        if current is None:
            continue
        if current.secret_string is not None:
            yield secret.name, current.secret_string
        elif current.secret_binary is not None:
            yield secret.name, base64.b64encode(current.secret_binary).decode("ascii")


def write(path: Union[str, os.PathLike], variables: dict[str, str]) -> None:
    """Replace the file at ``path`` with ``variables``, atomically (a temporary file renamed)."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".kv-mock-", suffix=".env", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(render(variables))
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
