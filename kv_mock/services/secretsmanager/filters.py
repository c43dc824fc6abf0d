"""ListSecrets / BatchGetSecretValue ``Filters``: AWS's matching rules, compiled once per call.

* ``name``, ``tag-key``, ``tag-value``, ``primary-region``, ``owning-service``: prefix match,
  case-sensitive; ``description``: prefix match, not case-sensitive.
* ``all``: the value is split into words; each word must prefix-match (not case-sensitive)
  some word of some attribute (inferred: the docs say it "breaks the filter value string
  into words and then searches all attributes for matches").
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
#: Where ``all`` splits attribute values into words (inferred).
_WORD_BREAK = re.compile(r"[\s/_+=.@:\-]+")


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
CASE_INSENSITIVE_KEYS = frozenset({"description"})


def _words_of(secret: Secret) -> list[str]:
    words: list[str] = []
    for attribute in ATTRIBUTES.values():
        for value in attribute(secret):
            lowered = value.lower()
            words.append(lowered)
            words.extend(word for word in _WORD_BREAK.split(lowered) if word)
    return words


def _prefix_matcher(key: str, prefix: str) -> Predicate:
    attribute = ATTRIBUTES[key]
    if key in CASE_INSENSITIVE_KEYS:
        lowered = prefix.lower()
        return lambda secret: any(v.lower().startswith(lowered) for v in attribute(secret))
    return lambda secret: any(v.startswith(prefix) for v in attribute(secret))


def _all_matcher(text: str) -> Predicate:
    wanted = text.lower().split()

    def matches(secret: Secret) -> bool:
        words = _words_of(secret)
        return all(any(word.startswith(w) for word in words) for w in wanted)
    return matches


def _value_matcher(key: str, value: str) -> Predicate:
    negated = value.startswith(NEGATION)
    text = value[1:] if negated else value
    matcher = _all_matcher(text) if key == "all" else _prefix_matcher(key, text)
    if negated:
        return lambda secret: not matcher(secret)
    return matcher


def _filter_matcher(key: Optional[str], values: Optional[list[str]]) -> Predicate:
    if not key or not values:
        # Text as moto gives it; AWS's wording was not captured.
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
