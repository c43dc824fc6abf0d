"""BatchGetSecretValue: the current values of up to 20 named secrets, or of a search.

One bad secret never fails the call: its error goes into ``Errors`` with the code and
message GetSecretValue would have raised.
"""

from __future__ import annotations

from typing import Any, Callable

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import Secret
from .. import SECRETS_MANAGER, operation
from .listing import find_secrets, search_from
from .lookup import live_secret
from .values import read_value, requested_version

#: Page size with ``Filters`` and no ``MaxResults`` (inferred: the model's maximum).
DEFAULT_BATCH_PAGE_SIZE = 20

# Texts as moto gives them; AWS's wording was not captured.
IDS_OR_FILTERS_MESSAGE = "Either 'SecretIdList' or 'Filters' must be provided, but not both."
MAX_RESULTS_WITHOUT_FILTERS_MESSAGE = (
    "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided."
)


def _collect(
    secret_id: str, read: Callable[[], dict], values: list[dict], errors: list[dict]
) -> None:
    try:
        values.append(read())
    except ServiceError as error:
        errors.append({"SecretId": secret_id, "ErrorCode": error.code, "Message": error.message})


def _current_value(context: Context, secret: Secret) -> dict:
    return read_value(context, secret, requested_version(secret, None, None))


@operation(SECRETS_MANAGER, "BatchGetSecretValue")
def batch_get_secret_value(context: Context, request: dict) -> dict:
    ids = request.get("SecretIdList")
    if (ids is None) == (request.get("Filters") is None):
        raise ServiceError("InvalidParameterException", IDS_OR_FILTERS_MESSAGE)
    values: list[dict] = []
    errors: list[dict] = []
    response: dict[str, Any] = {"SecretValues": values, "Errors": errors}
    if ids is not None:
        if "MaxResults" in request:
            raise ServiceError("InvalidParameterException", MAX_RESULTS_WITHOUT_FILTERS_MESSAGE)
        for secret_id in ids:
            _collect(
                secret_id,
                lambda: _current_value(context, live_secret(context, secret_id)),
                values, errors,
            )
        return response
    secrets, token = find_secrets(
        context, search_from(request, DEFAULT_BATCH_PAGE_SIZE), include_deleted=False
    )
    for secret in secrets:
        _collect(secret.arn, lambda: _current_value(context, secret), values, errors)
    if token is not None:
        response["NextToken"] = token
    return response
