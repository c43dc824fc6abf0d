"""LabelParameterVersion and UnlabelParameterVersion.

A label names one version of a parameter: attaching it to another version moves it. A
version holds at most 10 labels. Labels that break the naming rules are not an error:
AWS returns them in ``InvalidLabels`` and applies the valid ones.
"""

from __future__ import annotations

import re
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterVersion
from .. import SSM, operation
from .names import check_name
from .parameters import find_parameter, version_not_found

#: "A parameter version can have a maximum of ten labels."
MAX_LABELS_PER_VERSION = 10
#: Letters, digits, ``.``, ``-`` and ``_``; not starting with a digit, ``aws`` or ``ssm``.
_LABEL = re.compile(r"(?!\d)(?!aws)(?!ssm)[a-zA-Z0-9_.\-]+", re.IGNORECASE)
# Quoted by another emulator's tests; the missing space after "labels." is as quoted.
LABEL_LIMIT_MESSAGE = (
    "A parameter version can have maximum 10 labels."
    "Move one or more labels to another version and try again."
)


def is_valid_label(label: str) -> bool:
    return _LABEL.fullmatch(label) is not None


def _parameter_version(
    context: Context, request: dict, version_number: Optional[int]
) -> tuple[Parameter, ParameterVersion]:
    """The named parameter and its version ``version_number`` (default: the latest)."""
    parameter = find_parameter(context, check_name(context, request["Name"], writing=False))
    if version_number is None:
        return parameter, parameter.latest
    version = parameter.versions.get(version_number)
    if version is None:
        raise version_not_found(parameter.name, version_number)
    return parameter, version


@operation(SSM, "LabelParameterVersion")
def label_parameter_version(context: Context, request: dict) -> dict:
    parameter, version = _parameter_version(context, request, request.get("ParameterVersion"))
    labels = list(dict.fromkeys(request["Labels"]))
    valid = [label for label in labels if is_valid_label(label)]
    if len(set(version.labels) | set(valid)) > MAX_LABELS_PER_VERSION:
        raise ServiceError("ParameterVersionLabelLimitExceeded", LABEL_LIMIT_MESSAGE)
    for label in valid:
        parameter.move_label(label, version)
    return {
        "InvalidLabels": [label for label in labels if not is_valid_label(label)],
        "ParameterVersion": version.version,
    }


@operation(SSM, "UnlabelParameterVersion")
def unlabel_parameter_version(context: Context, request: dict) -> dict:
    """Remove labels from the version given; labels it does not hold are ``InvalidLabels``."""
    parameter, version = _parameter_version(context, request, request["ParameterVersion"])
    removed: list[str] = []
    invalid: list[str] = []
    for label in dict.fromkeys(request["Labels"]):
        if parameter.remove_label(version, label):
            removed.append(label)
        else:
            invalid.append(label)
    return {"RemovedLabels": removed, "InvalidLabels": invalid}
