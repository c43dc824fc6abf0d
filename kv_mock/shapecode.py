"""A quick "yes, it fits" for a botocore shape, compiled to straight-line Python.

Every mocked call checks its request against the operation's input shape
(:mod:`kv_mock.validate`) and its response against the output shape
(:mod:`kv_mock.shapes`). Those checkers are closures, one per shape, that also say *what*
fails and *where*, in AWS's words. On almost every call nothing fails, and walking a
dozen closures to learn that was about a fifth of what kv_mock adds to a call (timed
inside real calls). So each checked shape also gets a test generated as Python source, the
way :mod:`dataclasses` writes ``__init__``: one function per structure shape, every other
member's test written inline.

A generated test only answers ``True`` (the value fits) or ``False`` (it may not), and
``False`` hands the value to the closures, which give the verdict and its wording. So a
generated test may be stricter than the closures — it wants exact types, where the
closures take subclasses — but never looser: ``tests/foundation/test_shapecode.py``
holds it to that for the requests and responses of every operation kv_mock implements.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

from botocore.model import Shape

#: Answers whether a value fits a shape; ``False`` may be a false alarm, ``True`` never is.
Fits = Callable[[Any], bool]

#: The real ``datetime`` class, whatever a freeze (freezegun) has put in its place.
_DATETIME = type(_dt.datetime.min)


@dataclass(frozen=True)
class Rules:
    """What a fitting value obeys, beside its JSON types."""

    #: A shape's constraints (``min``, ``max``, ``pattern``, ``enum``, ``required``).
    metadata: Callable[[Shape], dict]
    #: Whether lengths, ranges and patterns count (requests), or only types and enums
    #: (responses).
    bounds: bool
    #: Whether a member the shape lacks makes a structure not fit (responses), or is
    #: ignored (requests: AWS ignores members it does not know).
    closed: bool
    #: A null member or map value is left out (requests, as AWS's parser does) instead of
    #: not fitting (responses).
    skip_null: bool
    #: The regular expression of a model pattern; ``None`` where ``bounds`` is off.
    pattern: Optional[Callable[[str], re.Pattern]] = None
    #: A string's length as AWS counts it; ``None`` where ``bounds`` is off.
    length: Optional[Callable[[str], int]] = None
    #: Whether a timestamp must carry its timezone (responses: a naive one is a bug).
    aware: bool = False


def compile_fits(shape: Shape, rules: Rules) -> Fits:
    """The generated test of the structure ``shape`` (a request's or a response's)."""
    writer = _Writer(rules)
    entry = writer.structure(shape)
    namespace = dict(writer.constants)
    exec(compile("\n".join(writer.lines), f"<kv_mock fits {shape.name}>", "exec"), namespace)
    return namespace[entry]


class _Writer:
    """Writes the source: functions for structures, inline tests for everything else."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {"_DATETIME": _DATETIME, "_length": rules.length}
        self._functions: dict[str, str] = {}
        self._names = itertools.count()

    def _name(self, prefix: str) -> str:
        return f"{prefix}{next(self._names)}"

    def _constant(self, value: Any) -> str:
        name = self._name("_c")
        self.constants[name] = value
        return name

    def structure(self, shape: Shape) -> str:
        """The name of ``shape``'s function, written the first time (recursion-safe)."""
        found = self._functions.get(shape.name)
        if found is not None:
            return found
        name = self._functions[shape.name] = self._name("fits_")
        body = ["if type(v) is not dict:", "    return False"]
        required = frozenset(self.rules.metadata(shape).get("required", ()))
        if required:
            missing = " or ".join(f"{member!r} not in v" for member in sorted(required))
            body += [f"if {missing}:", "    return False"]
        # Members whose whole test is their type are looked up in one dict; the others are
        # tested one after another, required members first (a request holds them all).
        typed = {member: kind for member, member_shape in shape.members.items()
                 if member not in required and (kind := self._exact_type(member_shape))}
        branches: list[str] = []
        if typed:
            null = " and e is not None" if self.rules.skip_null else ""
            branches += [f"t = {self._constant(typed)}.get(k)", "if t is not None:",
                         f"    if type(e) is not t{null}:", "        return False"]
        others = sorted((member for member in shape.members if member not in typed),
                        key=lambda member: member not in required)
        for member in others:
            branches.append(f"{'elif' if branches else 'if'} k == {member!r}:")
            branches += _indent(self._member(shape.members[member], "e", member in required), 1)
        if self.rules.closed:
            branches += ["else:", "    return False"] if branches else ["return False"]
        if branches:
            body += ["for k, e in v.items():", *_indent(branches, 1)]
        self.lines += [f"def {name}(v):", *_indent([*body, "return True"], 1), ""]
        return name

    def _exact_type(self, shape: Shape) -> Optional[type]:
        """The type a value of ``shape`` must have, where that is all its test asks."""
        metadata = self.rules.metadata(shape)
        if metadata.get("enum") or (
            self.rules.bounds and any(key in metadata for key in ("min", "max", "pattern"))
        ):
            return None
        return _EXACT_TYPES.get(shape.type_name)

    def _member(self, shape: Shape, var: str, required: bool = False) -> list[str]:
        """A structure member's or a map value's test (a required member may not be null)."""
        if self.rules.skip_null and not required:
            return [f"if {var} is not None:", *_indent(self.value(shape, var), 1)]
        return self.value(shape, var)

    def value(self, shape: Shape, var: str) -> list[str]:
        """Lines that ``return False`` unless ``var`` fits ``shape``."""
        kind = shape.type_name
        metadata = self.rules.metadata(shape)
        if kind == "structure":
            return [f"if not {self.structure(shape)}({var}):", "    return False"]
        if kind == "list":
            item = self._name("x")
            return [*_type_test(var, "list"), *self._bounds(metadata, f"len({var})"),
                    f"for {item} in {var}:", *_indent(self.value(shape.member, item), 1)]
        if kind == "map":
            key, item = self._name("k"), self._name("x")
            return [*_type_test(var, "dict"), *self._bounds(metadata, f"len({var})"),
                    f"for {key}, {item} in {var}.items():",
                    *_indent([*self.value(shape.key, key), *self._member(shape.value, item)], 1)]
        if kind == "string":
            return [*_type_test(var, "str"), *self._enum(metadata, var),
                    *self._bounds(metadata, f"(len({var}) if {var}.isascii() else _length({var}))"),
                    *self._pattern(metadata, var)]
        if kind in ("integer", "long"):
            return [*_type_test(var, "int"), *self._bounds(metadata, var)]
        if kind == "boolean":
            return _type_test(var, "bool")
        if kind == "blob":
            return [*_type_test(var, "bytes"), *self._bounds(metadata, f"len({var})")]
        if kind == "timestamp":
            aware = [f"if {var}.tzinfo is None:", "    return False"] if self.rules.aware else []
            return [*_type_test(var, "_DATETIME"), *aware]
        # A type the mocked services' models do not use (double, float, document): the
        # closures decide.
        return ["return False"]

    def _enum(self, metadata: dict, var: str) -> list[str]:
        enum = metadata.get("enum")
        if not enum:
            return []
        return [f"if {var} not in {self._constant(frozenset(enum))}:", "    return False"]

    def _bounds(self, metadata: dict, measured: str) -> list[str]:
        if not self.rules.bounds:
            return []
        low, high = metadata.get("min"), metadata.get("max")
        tests = []
        if low is not None:
            tests.append(f"n < {low!r}")
        if high is not None:
            tests.append(f"n > {high!r}")
        if not tests:
            return []
        return [f"n = {measured}", f"if {' or '.join(tests)}:", "    return False"]

    def _pattern(self, metadata: dict, var: str) -> list[str]:
        pattern = metadata.get("pattern")
        if not self.rules.bounds or not pattern or self.rules.pattern is None:
            return []
        regex = self._constant(self.rules.pattern(pattern))
        return [f"if {regex}.fullmatch({var}) is None:", "    return False"]


#: The shapes whose values are of exactly one Python type, with no test beyond it.
_EXACT_TYPES: dict[str, type] = {
    "string": str, "integer": int, "long": int, "boolean": bool, "blob": bytes,
}


def _type_test(var: str, type_name: str) -> list[str]:
    return [f"if type({var}) is not {type_name}:", "    return False"]


def _indent(lines: list[str], levels: int) -> list[str]:
    pad = "    " * levels
    return [pad + line for line in lines]
