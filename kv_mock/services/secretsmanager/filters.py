"""ListSecrets / BatchGetSecretValue ``Filters``: AWS's matching rules, compiled once per call.

* ``name``, ``tag-key``, ``tag-value``, ``primary-region``, ``owning-service``: prefix match,
  case-sensitive.
* ``description`` and ``all`` match *words*, not case-sensitive. AWS's guide ("Find secrets
  in AWS Secrets Manager") says the search string is cut into words at every change from
  upper to lower case, from letter to digit and at punctuation (``credsDatabase#892`` is
  ``creds``, ``Database``, ``892``); ``description: My Description`` matches "Description of
  my secret". So every word of the value must begin a word of the description (``all``: of
  the name, description, tag keys or tag values), in any order. Matching word *beginnings*
  keeps the API reference's "prefix match" true too (inferred reconciliation).
* A value with no words at all (only punctuation, such as ``+``) matches nothing (verified
  against AWS: moto's ``@aws_verified`` ``test_with_all_filter_special_characters``).
* A value starting with ``!`` matches the secrets the rest of it does not match.
* The values of one filter are alternatives (OR); separate filters must all match (AND).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from ...errors import ServiceError
from ...store.secrets import Secret

Predicate = Callable[[Secret], bool]

NEGATION = "!"
#: A word: a run of capitals not followed by lower case (``HTTP``), an optional capital
#: and lower-case letters (``Database``, ``creds``), or digits (``892``).
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def words(text: str) -> list[str]:
    """``text`` cut into lower-cased words the way AWS's secret search cuts it."""
    return [word.lower() for word in _WORD.findall(text)]


def _present(*values: Optional[str]) -> list[str]:
    return [value for value in values if value]


#: The attribute values each filter key looks at.
ATTRIBUTES: dict[str, Callable[[Secret], list[str]]] = {
    "name": lambda secret: [secret.name],
    "description": lambda secret: _present(secret.description),
    "tag-key": lambda secret: list(secret.tags),
    "tag-value": lambda secret: list(secret.tags.values()),
    "primary-region": lambda secret: _present(secret.primary_region),
    "owning-service": lambda secret: _present(secret.owning_service),
}
#: What ``all`` searches: "name, description, tag key and value".
ALL_KEYS = ("name", "description", "tag-key", "tag-value")
WORD_KEYS = frozenset({"description", "all"})


def _prefix_matcher(key: str, prefix: str) -> Predicate:
    attribute = ATTRIBUTES[key]
    return lambda secret: any(value.startswith(prefix) for value in attribute(secret))


def _word_matcher(key: str, text: str) -> Predicate:
    attributes = [ATTRIBUTES[k] for k in (ALL_KEYS if key == "all" else (key,))]
    wanted = words(text)
    if not wanted:
        return lambda secret: False

    def matches(secret: Secret) -> bool:
        found = [w for attribute in attributes for value in attribute(secret) for w in words(value)]
        return all(any(word.startswith(w) for word in found) for w in wanted)
    return matches


def _value_matcher(key: str, value: str) -> Predicate:
    negated = value.startswith(NEGATION)
    text = value[1:] if negated else value
    matcher = _word_matcher(key, text) if key in WORD_KEYS else _prefix_matcher(key, text)
    if negated:
        return lambda secret: not matcher(secret)
    return matcher


def _filter_matcher(key: Optional[str], values: Optional[list[str]]) -> Predicate:
    # Both texts as moto gives them; AWS's wording was not captured.
    if not key:
        raise ServiceError("InvalidParameterException", "Invalid filter key")
    if not values:
        raise ServiceError("InvalidParameterException", f"Invalid filter values for key: {key}")
    matchers = [_value_matcher(key, value) for value in values]
    return lambda secret: any(matcher(secret) for matcher in matchers)


def compile_filters(filters: Iterable[dict]) -> Predicate:
    """One predicate for all of a request's filters."""
    matchers = [_filter_matcher(f.get("Key"), f.get("Values")) for f in filters]
    return lambda secret: all(matcher(secret) for matcher in matchers)


def single_name_prefix(filters: Iterable[dict]) -> Optional[str]:
    """The prefix every listed name must start with, when a filter pins one down.

    That is a ``name`` filter with one value and no negation: the listing can then be a
    range of the sorted name index instead of a scan.
    """
    for f in filters:
        values = f.get("Values") or []
        if f.get("Key") == "name" and len(values) == 1 and not values[0].startswith(NEGATION):
            return values[0]
    return None
