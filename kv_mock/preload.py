"""Preloading: the parameters and secrets a mock starts with, from a dict or a file.

``mock_kayvee(preload=…)`` takes a dict, or the path of a ``.json``, ``.yaml`` or ``.yml``
file (PyYAML is imported only for YAML: ``pip install kv-mock[yaml]``), of this form::

    parameters:                  # each entry is one PutParameter call
      - name: /app/db/host
        value: db.internal
        type: String             # the default; also StringList, SecureString
        tags: {team: payments}   # a mapping, or AWS's [{Key: …, Value: …}]
        region: eu-west-1        # optional: default the mock's region
        account_id: "210987654321"  # optional: default the mock's account
    secrets:                     # each entry is one CreateSecret call
      - name: app/db
        secret_string: '{"password": "hunter2"}'
      - name: app/key
        secret_binary: AAEC      # bytes; in JSON/YAML text, base64

Any other member of ``PutParameter`` / ``CreateSecret`` is accepted in snake_case or AWS's
spelling (``key_id``, ``Description``, ``tier``, ``policies`` — a list is sent as its JSON
text). Every entry goes through the same checks a boto3 call does (botocore's parameter
validation, then kv_mock's AWS-side rules and handlers), so a preloaded store obeys AWS's
rules; the first bad entry raises :class:`~kv_mock.errors.KvMockError` naming its section,
index and name (and, for a value YAML read as a number, a boolean or a mapping, how to quote
or JSON-encode it). Preloading is not recorded in the call log.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import botocore.serialize
import botocore.validate
from botocore.model import OperationModel

from . import jsontext
from .dispatch import dispatch
from .errors import KvMockError
from .service_models import operation_model
from .state import ACCOUNT_ID_PATTERN, REGION_PATTERN, MockState

PreloadSource = Union[Mapping[str, Any], str, "os.PathLike[str]"]

#: Each section of a preload document and the operation one of its entries is.
SECTIONS = {
    "parameters": ("ssm", "PutParameter"),
    "secrets": ("secretsmanager", "CreateSecret"),
}
#: Members an entry gets when it does not say: a parameter is a ``String`` by default.
_DEFAULTS = {"parameters": {"Type": "String"}, "secrets": {}}
_YAML_SUFFIXES = (".yaml", ".yml")

_serializer = botocore.serialize.create_serializer("json")


def check_source(source: Any) -> None:
    """Refuse, when the mock is made, a ``preload`` that is neither a mapping nor a path."""
    if not isinstance(source, (Mapping, str, os.PathLike)):
        raise KvMockError(
            f"preload must be a dict or the path of a JSON or YAML file, got {source!r}"
        )


def read_document(source: PreloadSource) -> Mapping[str, Any]:
    """The preload document: the mapping itself, or the parsed JSON or YAML file."""
    if isinstance(source, Mapping):
        return source
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KvMockError(f"cannot read preload file {str(path)!r}: {error}") from None
    if path.suffix.lower() in _YAML_SUFFIXES:
        document = _parse_yaml(path, text)
    elif path.suffix.lower() == ".json":
        try:
            document = jsontext.parse(text)
        except ValueError as error:
            raise KvMockError(f"preload file {str(path)!r} is not valid JSON: {error}") from None
    else:
        raise KvMockError(
            f"preload file {str(path)!r} must end in .json, .yaml or .yml"
        )
    if document is None:
        return {}
    if not isinstance(document, Mapping):
        raise KvMockError(f"preload file {str(path)!r} must hold a mapping at the top level")
    return document


def _parse_yaml(path: Path, text: str) -> Any:
    try:
        import yaml
    except ImportError:
        raise KvMockError(
            f"preload file {str(path)!r} is YAML, which needs PyYAML: "
            "pip install 'kv-mock[yaml]'"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KvMockError(f"preload file {str(path)!r} is not valid YAML: {error}") from None


def load(
    state: MockState,
    source: PreloadSource,
    *,
    region: Optional[str] = None,
    account_id: Optional[str] = None,
) -> None:
    """Create every parameter and secret of ``source`` in ``state``, as boto3 calls would.

    An entry without ``region`` / ``account_id`` goes to ``region`` / ``account_id``, by
    default the mock's own.
    """
    defaults = (account_id or state.default_account_id, region or state.default_region)
    document = read_document(source)
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise KvMockError(
            f"preload: unknown section(s) {unknown}; expected 'parameters' and/or 'secrets'"
        )
    calls_before = len(state.calls)
    try:
        for section, (service, operation_name) in SECTIONS.items():
            entries = document.get(section) or []
            if not isinstance(entries, list):
                raise KvMockError(f"preload {section}: expected a list of entries")
            operation = operation_model(service, operation_name)
            for index, entry in enumerate(entries):
                _load_entry(state, operation, section, index, entry, defaults)
    finally:
        state.calls.truncate(calls_before)


def _load_entry(
    state: MockState,
    operation: OperationModel,
    section: str,
    index: int,
    entry: Any,
    defaults: tuple[str, str],
) -> None:
    where = f"preload {section}[{index}]"
    if not isinstance(entry, Mapping):
        raise KvMockError(f"{where}: expected a mapping, got {entry!r}")
    name = entry.get("name", entry.get("Name"))
    if name is not None:
        where += f" ({name!r})"
    account_id = entry.get("account_id", defaults[0])
    region = entry.get("region", defaults[1])
    if not isinstance(account_id, str) or not ACCOUNT_ID_PATTERN.fullmatch(account_id):
        raise KvMockError(f"{where}: account_id must be 12 digits, got {account_id!r}")
    if not isinstance(region, str) or not REGION_PATTERN.fullmatch(region):
        raise KvMockError(f"{where}: region must look like 'eu-west-1', got {region!r}")
    params = _request(operation, section, entry, where)
    for token in operation.idempotent_members:
        params.setdefault(token, state.ids.uuid4())
    report = botocore.validate.ParamValidator().validate(params, operation.input_shape)
    if report.has_errors():
        raise KvMockError(f"{where}: {report.generate_report()}")
    body = _serializer.serialize_to_request(params, operation)["body"]
    outcome = dispatch(state, operation, body, account_id, region)
    if outcome.error_code is not None:
        raise KvMockError(f"{where}: {outcome.error_code}: {outcome.body['Error']['Message']}")


def _request(
    operation: OperationModel, section: str, entry: Mapping[str, Any], where: str
) -> dict:
    """The entry as the operation's input members: AWS names, AWS types."""
    members = {name.lower(): name for name in operation.input_shape.members}
    params: dict[str, Any] = dict(_DEFAULTS[section])
    for key, value in entry.items():
        if key in ("region", "account_id"):
            continue
        member = members.get(str(key).replace("_", "").lower())
        if member is None:
            raise KvMockError(
                f"{where}: unknown key {key!r}; expected region, account_id or one of "
                f"{', '.join(operation.input_shape.members)}"
            )
        params[member] = _member_value(member, value, where)
        _check_text(operation, member, key, params[member], where)
    return params


def _check_text(
    operation: OperationModel, member: str, key: Any, value: Any, where: str
) -> None:
    """A text member given a number, a boolean, a list or a mapping: say how to write it.

    YAML reads ``8080``, ``1.5``, ``yes``/``no``/``on``/``off``/``true``/``false`` and
    ``{…}`` as other types than text, and a value such as ``Value: 8080`` is a common first
    preload file; botocore's own report (``Invalid type for parameter Value``) does not say
    that quoting it is the fix.
    """
    if operation.input_shape.members[member].type_name != "string" or isinstance(value, str):
        return
    if isinstance(value, bool):
        read_as = "a boolean (YAML reads yes/no/on/off/true/false as booleans)"
        fix = f"quote it: {key}: \"{str(value).lower()}\" (or the spelling you meant)"
    elif isinstance(value, (int, float)):
        read_as = f"a number ({type(value).__name__})"
        fix = f"quote it: {key}: \"{value}\""
    elif isinstance(value, (Mapping, list)):
        read_as = "a mapping" if isinstance(value, Mapping) else "a list"
        fix = (f"give it as JSON text: {key}: '{json.dumps(value)}'"
               " (or a YAML block scalar)")
    else:
        read_as = type(value).__name__
        fix = "give it as text"
    raise KvMockError(f"{where}: {key} must be text, but the file gives {read_as}: {fix}")


def _member_value(member: str, value: Any, where: str) -> Any:
    """The friendlier spellings a preload file may use, turned into AWS's types."""
    if member == "Tags" and isinstance(value, Mapping):
        return [{"Key": key, "Value": tag} for key, tag in value.items()]
    if member == "Policies" and isinstance(value, list):
        return json.dumps(value)
    if member == "SecretBinary" and isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error:
            raise KvMockError(f"{where}: secret_binary text must be base64") from None
    return value
