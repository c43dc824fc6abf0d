"""DeleteParameter and DeleteParameters: a parameter goes with all its versions and tags."""

from __future__ import annotations

from ...context import Context
from ...errors import ServiceError
from .. import SSM, operation
from .names import check_name


@operation(SSM, "DeleteParameter")
def delete_parameter(context: Context, request: dict) -> dict:
    name = check_name(context, request["Name"], writing=True)
    if context.backend.parameters.delete(name) is None:
        raise ServiceError("ParameterNotFound")
    return {}


@operation(SSM, "DeleteParameters")
def delete_parameters(context: Context, request: dict) -> dict:
    """Never fails for one name: those not deleted are returned in ``InvalidParameters``."""
    deleted: list[str] = []
    invalid: list[str] = []
    for raw in dict.fromkeys(request["Names"]):
        try:
            name = check_name(context, raw, writing=True)
        except ServiceError:
            invalid.append(raw)
            continue
        if context.backend.parameters.delete(name) is None:
            invalid.append(raw)
        else:
            deleted.append(raw)
    return {"DeletedParameters": deleted, "InvalidParameters": invalid}
