"""DescribeSecret and ListSecretVersionIds: a secret's metadata and its versions."""

from __future__ import annotations

from ...context import Context
from .. import SECRETS_MANAGER, operation
from .lookup import existing_secret, live_secret
from .paging import decode_token, encode_token, invalid_token
from .responses import describe_shape, version_entry_shape

#: ListSecretVersionIds' page size when ``MaxResults`` is not given (inferred: the maximum).
DEFAULT_VERSIONS_PAGE = 100


@operation(SECRETS_MANAGER, "DescribeSecret")
def describe_secret(context: Context, request: dict) -> dict:
    """Works on a secret scheduled for deletion: that is how callers see ``DeletedDate``."""
    return describe_shape(existing_secret(context, request["SecretId"]))


@operation(SECRETS_MANAGER, "ListSecretVersionIds")
def list_secret_version_ids(context: Context, request: dict) -> dict:
    """Versions oldest first; deprecated (unlabelled) ones only with ``IncludeDeprecated``.

    The token names the last version returned; a version pruned since then makes it stale.
    """
    secret = live_secret(context, request["SecretId"])
    listing = f"versions:{secret.arn}"
    versions = [
        version for version in secret.versions.values()
        if version.stages or request.get("IncludeDeprecated")
    ]
    start = 0
    if "NextToken" in request:
        last = decode_token(listing, request["NextToken"])
        ids = [version.version_id for version in versions]
        if last not in ids:
            raise invalid_token()
        start = ids.index(last) + 1
    page = versions[start:start + request.get("MaxResults", DEFAULT_VERSIONS_PAGE)]
    response = {
        "Versions": [version_entry_shape(version) for version in page],
        "ARN": secret.arn,
        "Name": secret.name,
    }
    if start + len(page) < len(versions):
        response["NextToken"] = encode_token(listing, page[-1].version_id)
    return response
