"""A JSON codec for the store's domain objects, driven by their dataclass type hints.

Snapshots and the SQLite persistence both need the stores as plain JSON. Rather than a
hand-written ``to_dict`` per class (which silently drops every field added later), the
codec walks ``dataclasses.fields`` and the fields' type hints:

* ``str``/``int``/``float``/``bool`` as themselves; ``datetime`` as an ISO 8601 string;
  ``timedelta`` as seconds; ``bytes`` as base64; an ``Enum`` as its value;
* ``Optional[X]`` as ``null`` or X; ``list``/``tuple``/``set`` as arrays; ``dict`` and
  ``SortedDict`` with ``str`` or ``int`` keys as objects (other keys: ``[key, value]`` pairs);
* a dataclass as an object of its fields (a field still at an empty default — ``None``,
  or an empty ``list``/``dict`` from its default factory — is left out; a field missing
  from the document gets its default);
* a field marked :data:`DERIVED` (an index rebuilt from the other fields) is never written,
  and is its default when read back.

Where the hints say nothing (``Any``, a bare ``dict``, an attribute of a plain class) values
are *tagged* so they still come back as the same types: ``{"$datetime": "…"}``,
``{"$bytes": "…"}``, ``{"$dataclass": "kv_mock.module:Class", "fields": {…}}``, … JSON
values (strings, numbers, lists, objects with ordinary keys) stay untagged. Only classes
from ``kv_mock`` modules are ever instantiated from a document.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import enum
import functools
import importlib
import json
import types
import typing
from typing import Any, Callable

from sortedcontainers import SortedDict

from .errors import KvMockError
from .surrogates import replace_lone_surrogates

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]

#: Classes a document may name: instantiating arbitrary classes from a file is a hazard.
TRUSTED_MODULE_PREFIX = "kv_mock."

#: ``dataclasses.field(metadata=DERIVED)``: data the object rebuilds from its other fields
#: (an index), so documents leave it out and stay the same when indexes change.
DERIVED = types.MappingProxyType({"kv_mock.codec": "derived"})


class CodecError(KvMockError):
    """A value kv_mock cannot put into (or take out of) a JSON document."""


def encode(value: Any, hint: Any = Any) -> Any:
    """``value`` as JSON-compatible data, typed by ``hint``."""
    return encoder(hint)(value)


def decode(data: Any, hint: Any = Any) -> Any:
    """The value :func:`encode` turned into ``data``."""
    return decoder(hint)(data)


def _identity(value: Any) -> Any:
    return value


# -- scalar types ---------------------------------------------------------------------------

def _expect(data: Any, *types_: type) -> Any:
    """``data`` if it is of one of ``types_`` (a bool is no number); CodecError otherwise.

    Decoding is strict: a document that puts a number where a name belongs must be
    refused when it is read, not answer every later call with a 500. The message names
    types only, never the value (it may be a secret's).
    """
    if isinstance(data, types_) and not (isinstance(data, bool) and bool not in types_):
        return data
    wanted = " or ".join(kind.__name__ for kind in types_)
    raise CodecError(f"expected {wanted}, got {type(data).__name__}")


def _text(data: str) -> str:
    """A document's string as a request's would be stored: lone surrogates as ``?``."""
    return data if data.isascii() else replace_lone_surrogates(data)


_SCALARS: dict[Any, tuple[Encoder, Decoder]] = {
    str: (_identity, lambda data: _text(_expect(data, str))),
    int: (_identity, lambda data: _expect(data, int)),
    bool: (_identity, lambda data: _expect(data, bool)),
    float: (_identity, lambda data: float(_expect(data, int, float))),
    _dt.datetime: (
        lambda value: value.isoformat(),
        lambda data: _dt.datetime.fromisoformat(_expect(data, str)),
    ),
    _dt.date: (lambda value: value.isoformat(), lambda data: _dt.date.fromisoformat(_expect(data, str))),
    _dt.timedelta: (
        lambda value: value.total_seconds(),
        lambda data: _dt.timedelta(seconds=_expect(data, int, float)),
    ),
    bytes: (
        lambda value: base64.b64encode(value).decode("ascii"),
        lambda data: base64.b64decode(_expect(data, str), validate=True),
    ),
}


# -- compiling a hint into an encoder and a decoder -----------------------------------------

@functools.lru_cache(maxsize=None)
def encoder(hint: Any) -> Encoder:
    """The encoder for values of type ``hint`` (compiled once per hint)."""
    return _compile(hint)[0]


@functools.lru_cache(maxsize=None)
def decoder(hint: Any) -> Decoder:
    """The decoder for data :func:`encoder` made from values of type ``hint``."""
    return _compile(hint)[1]


def _compile(hint: Any) -> tuple[Encoder, Decoder]:
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _optional(args)
    if origin in (list, tuple, set, frozenset) and args:
        return _sequence(origin, args)
    if origin in (dict, SortedDict) and len(args) == 2:
        return _mapping(origin, args)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_encoder(hint), _dataclass_decoder(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return (lambda value: value.value), hint
    return _encode_tagged, _decode_tagged


def _optional(args: tuple) -> tuple[Encoder, Decoder]:
    present = [arg for arg in args if arg is not type(None)]
    if len(present) != 1:
        return _encode_tagged, _decode_tagged
    inner_encode, inner_decode = encoder(present[0]), decoder(present[0])
    return (
        lambda value: None if value is None else inner_encode(value),
        lambda data: None if data is None else inner_decode(data),
    )


def _sequence(origin: type, args: tuple) -> tuple[Encoder, Decoder]:
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        encoders = [encoder(arg) for arg in args]
        decoders = [decoder(arg) for arg in args]
        return (
            lambda value: [enc(item) for enc, item in zip(encoders, value)],
            lambda data: tuple(dec(item) for dec, item in zip(decoders, _expect(data, list))),
        )
    item_encode, item_decode = encoder(args[0]), decoder(args[0])
    if origin in (set, frozenset):
        return (
            lambda value: sorted((item_encode(item) for item in value), key=json.dumps),
            lambda data: origin(item_decode(item) for item in _expect(data, list)),
        )
    return (
        lambda value: [item_encode(item) for item in value],
        lambda data: origin(item_decode(item) for item in _expect(data, list)),
    )


def _mapping(origin: type, args: tuple) -> tuple[Encoder, Decoder]:
    key_hint, value_hint = args
    value_encode, value_decode = encoder(value_hint), decoder(value_hint)
    if key_hint in (str, int):
        return (
            lambda value: {str(key): value_encode(item) for key, item in value.items()},
            lambda data: origin(
                (key_hint(key), value_decode(item)) for key, item in _expect(data, dict).items()
            ),
        )
    key_encode, key_decode = encoder(key_hint), decoder(key_hint)
    return (
        lambda value: [[key_encode(key), value_encode(item)] for key, item in value.items()],
        lambda data: origin(
            (key_decode(key), value_decode(item)) for key, item in _expect(data, list)
        ),
    )


# -- dataclasses ----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    encode: Encoder
    decode: Decoder
    #: The field's default when it is empty (``None``, ``[]``, ``{}``): the field is left
    #: out of the document while it equals that.
    empty_default: Any
    default: Callable[[], Any]
    #: Rebuilt by the object from its other fields: never written, its default when read.
    derived: bool


@functools.lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        _Field(
            item.name,
            encoder(hints.get(item.name, Any)),
            decoder(hints.get(item.name, Any)),
            _empty_default(item),
            _default_of(cls, item),
            item.metadata.get("kv_mock.codec") == "derived",
        )
        for item in dataclasses.fields(cls)
    )


_NOT_EMPTY = object()


def _empty_default(item: dataclasses.Field) -> Any:
    if item.default is None:
        return None
    if item.default_factory in (list, dict):
        return item.default_factory()
    return _NOT_EMPTY


def _default_of(cls: type, item: dataclasses.Field) -> Callable[[], Any]:
    if item.default is not dataclasses.MISSING:
        default = item.default
        return lambda: default
    if item.default_factory is not dataclasses.MISSING:
        return item.default_factory

    def missing() -> Any:
        raise CodecError(f"{cls.__name__} document has no {item.name!r}")
    return missing


def _dataclass_encoder(cls: type) -> Encoder:
    # Fields are looked up on first use, so a dataclass may refer to itself.
    def encode_instance(value: Any) -> dict:
        document = {}
        for item in _fields(cls):
            if item.derived:
                continue
            field_value = getattr(value, item.name)
            if field_value == item.empty_default and type(field_value) is type(item.empty_default):
                continue
            document[item.name] = item.encode(field_value)
        return document
    return encode_instance


def _dataclass_decoder(cls: type) -> Decoder:
    def decode_instance(data: dict) -> Any:
        # Built without __init__/__post_init__ (and through frozen=True): the document
        # is the object's state, not a request to make a new one.
        instance: Any = object.__new__(cls)
        for item in _fields(cls):
            if item.derived or item.name not in _expect(data, dict):
                value = item.default()
            else:
                try:
                    value = item.decode(data[item.name])
                except CodecError as error:
                    raise CodecError(f"{cls.__name__}.{item.name}: {error}") from None
            object.__setattr__(instance, item.name, value)
        return instance
    return decode_instance


# -- values the hints say nothing about -----------------------------------------------------

def _encode_tagged(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode_tagged(item) for item in value]
    if isinstance(value, dict) and not isinstance(value, SortedDict) and all(
        isinstance(key, str) and not key.startswith("$") for key in value
    ):
        return {key: _encode_tagged(item) for key, item in value.items()}
    for kind, test, encode_value in _TAGS:
        if test(value):
            return {kind: encode_value(value)}
    if dataclasses.is_dataclass(value):
        cls: type = type(value)
        return {"$dataclass": _class_name(value), "fields": encoder(cls)(value)}
    if isinstance(value, enum.Enum):
        return {"$enum": _class_name(value), "value": _encode_tagged(value.value)}
    if hasattr(value, "__dict__"):
        attributes = {key: _encode_tagged(item) for key, item in vars(value).items()}
        return {"$object": _class_name(value), "attributes": attributes}
    raise CodecError(f"cannot put a {type(value).__name__} into a JSON document")


def _pairs(value: dict) -> list:
    return [[_encode_tagged(key), _encode_tagged(item)] for key, item in value.items()]


def _tagged_items(value: Any) -> list:
    return sorted((_encode_tagged(item) for item in value), key=json.dumps)


#: (tag, which values, how) for the tagged types; the order matters (datetime ⊂ date).
_TAGS: list[tuple[str, Callable[[Any], bool], Encoder]] = [
    ("$datetime", lambda v: isinstance(v, _dt.datetime), _SCALARS[_dt.datetime][0]),
    ("$date", lambda v: isinstance(v, _dt.date), _SCALARS[_dt.date][0]),
    ("$timedelta", lambda v: isinstance(v, _dt.timedelta), _SCALARS[_dt.timedelta][0]),
    ("$bytes", lambda v: isinstance(v, (bytes, bytearray)), _SCALARS[bytes][0]),
    ("$tuple", lambda v: isinstance(v, tuple), lambda v: [_encode_tagged(item) for item in v]),
    ("$set", lambda v: isinstance(v, set), _tagged_items),
    ("$frozenset", lambda v: isinstance(v, frozenset), _tagged_items),
    ("$sorteddict", lambda v: isinstance(v, SortedDict), _pairs),
    ("$dict", lambda v: isinstance(v, dict), _pairs),
]

_UNTAG: dict[str, Decoder] = {
    "$datetime": _SCALARS[_dt.datetime][1],
    "$date": _SCALARS[_dt.date][1],
    "$timedelta": _SCALARS[_dt.timedelta][1],
    "$bytes": _SCALARS[bytes][1],
    "$tuple": lambda data: tuple(_decode_tagged(item) for item in data),
    "$set": lambda data: {_decode_tagged(item) for item in data},
    "$frozenset": lambda data: frozenset(_decode_tagged(item) for item in data),
    "$sorteddict": lambda data: SortedDict(_decoded_pairs(data)),
    "$dict": lambda data: dict(_decoded_pairs(data)),
}


def _decoded_pairs(data: list) -> list:
    return [(_decode_tagged(key), _decode_tagged(item)) for key, item in data]


def _decode_tagged(data: Any) -> Any:
    if isinstance(data, list):
        return [_decode_tagged(item) for item in data]
    if not isinstance(data, dict):
        return data
    tag = next(iter(data), "")
    if not tag.startswith("$"):
        return {key: _decode_tagged(item) for key, item in data.items()}
    if tag in _UNTAG:
        return _UNTAG[tag](data[tag])
    cls = _trusted_class(data[tag])
    if tag == "$dataclass":
        return decoder(cls)(data["fields"])
    if tag == "$enum":
        return cls(_decode_tagged(data["value"]))
    if tag == "$object":
        instance: Any = object.__new__(cls)
        for key, item in data["attributes"].items():
            setattr(instance, key, _decode_tagged(item))
        return instance
    raise CodecError(f"unknown tag {tag!r} in a kv_mock document")


def _class_name(value: Any) -> str:
    cls = type(value)
    return f"{cls.__module__}:{cls.__qualname__}"


def _trusted_class(name: str) -> type:
    module_name, _, qualname = str(name).partition(":")
    if not module_name.startswith(TRUSTED_MODULE_PREFIX):
        raise CodecError(f"a kv_mock document may only name kv_mock classes, not {name!r}")
    found: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        found = getattr(found, part)
    if not isinstance(found, type):
        raise CodecError(f"{name!r} is not a class")
    return found
