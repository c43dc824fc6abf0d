"""The AWS JSON 1.1 wire format, both ways, typed by botocore's model.

A request is decoded from the JSON body botocore serialised (exactly what AWS receives):
blobs arrive base64-encoded and timestamps as epoch seconds, and become ``bytes`` and
timezone-aware ``datetime`` here. Only shapes that hold a blob or a timestamp are walked;
for the rest decoding is ``json.loads``. A member sent as JSON ``null`` is a member not sent,
as AWS reads it (a required one then fails validation as "must not be null").
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
from typing import Any, Callable, Optional

from botocore.model import OperationModel, Shape

from . import jsontext, surrogates
from .errors import ServiceError

Converter = Callable[[Any], Any]


def _serialization_error(message: str) -> ServiceError:
    return ServiceError("SerializationException", message)


def _blob(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # left for the validator to refuse by type
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _serialization_error("Base64 encoded value is not valid") from None


def _timestamp(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    try:
        return _dt.datetime.fromtimestamp(value, _dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise _serialization_error("Timestamp value is out of range") from None


def _converter(shape: Shape, seen: frozenset = frozenset()) -> Optional[Converter]:
    """A function converting wire values of ``shape``, or ``None`` if nothing changes."""
    kind = shape.type_name
    if kind == "blob":
        return _blob
    if kind == "timestamp":
        return _timestamp
    if shape.name in seen:  # recursive shapes hold no blob at a depth we have not seen
        return None
    seen = seen | {shape.name}
    if kind == "list":
        convert_member = _converter(shape.member, seen)
        if convert_member is None:
            return None
        return lambda value: (
            [convert_member(v) for v in value] if isinstance(value, list) else value
        )
    if kind == "map":
        convert_value = _converter(shape.value, seen)
        if convert_value is None:
            return None
        return lambda value: (
            {k: convert_value(v) for k, v in value.items()} if isinstance(value, dict) else value
        )
    if kind == "structure":
        members = [
            (name, conv)
            for name, member in shape.members.items()
            if (conv := _converter(member, seen)) is not None
        ]
        if not members:
            return None

        def convert_structure(value: Any) -> Any:
            if isinstance(value, dict):
                for name, conv in members:
                    if value.get(name) is not None:
                        value[name] = conv(value[name])
            return value
        return convert_structure
    return None


def _without_nulls(members: dict) -> dict:
    return {name: value for name, value in members.items() if value is not None}


_DROPPING_NULLS = json.JSONDecoder(object_hook=_without_nulls)


def _loads(body: bytes | str) -> Any:
    """``json.loads``, dropping ``null`` members; only bodies that spell ``null`` pay for it.

    A JSON request body is UTF-8 (RFC 8259): decoding it here, as ``json.loads`` would,
    spares it its encoding detection on every call. Lone surrogates become ``?``
    (:mod:`kv_mock.surrogates`); only bodies that may hold one pay for the walk. Nesting too
    deep for the parser is bad JSON, as AWS's parser (Jackson) refuses it (kv_mock.jsontext).
    """
    text = body.decode("utf-8", "surrogatepass") if isinstance(body, bytes) else body
    request = jsontext.decode(_DROPPING_NULLS if "null" in text else jsontext.PLAIN, text)
    if surrogates.may_hold_lone_surrogates(text):
        request = surrogates.replace_lone_surrogates(request)
    return request


#: A request decoder: the JSON body (``None`` or empty: no members) to request members.
Decoder = Callable[[Optional[bytes | str]], dict]

_decoders: dict[tuple[str, str], Decoder] = {}


def request_decoder(operation: OperationModel) -> Decoder:
    """The decoder of ``operation``'s requests, made once per operation (dispatch keeps it)."""
    key = (operation.service_model.service_name, operation.name)
    found = _decoders.get(key)
    if found is None:
        shape = operation.input_shape
        convert = _converter(shape) if shape is not None else None

        def found(body: Optional[bytes | str]) -> dict:
            if not body:
                return {}
            try:
                request = _loads(body)
            except (ValueError, UnicodeDecodeError):
                raise _serialization_error("Request body is not valid JSON") from None
            if not isinstance(request, dict):
                raise _serialization_error("Request body is not a JSON object")
            return convert(request) if convert is not None else request
        _decoders[key] = found
    return found


def _wire_value(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return round(value.timestamp(), 3)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def encode_response(response: dict) -> bytes:
    """A handler's response as AWS's JSON body: epoch-second timestamps, base64 blobs."""
    return json.dumps(response, default=_wire_value, separators=(",", ":")).encode()


def encode_error(code: str, message: str, fields: dict) -> bytes:
    """AWS's JSON error envelope."""
    return encode_response({"__type": code, "message": message, **fields})
