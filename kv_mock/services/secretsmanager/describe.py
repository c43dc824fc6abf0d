"""DescribeSecret and ListSecretVersionIds: a secret's metadata and its versions."""

from __future__ import annotations

import itertools

from ...context import Context
from .shared_access import shared_operation
from .lookup import existing_secret, live_secret
from .paging import decode_token, encode_token, invalid_token
from .responses import describe_shape, version_entry_shape

#: ListSecretVersionIds' page size when ``MaxResults`` is not given (inferred: the maximum).
DEFAULT_VERSIONS_PAGE = 100


@shared_operation("DescribeSecret")
def describe_secret(context: Context, request: dict) -> dict:
    """Works on a secret scheduled for deletion: that is how callers see ``DeletedDate``."""
    return describe_shape(existing_secret(context, request["SecretId"]))


@shared_operation("ListSecretVersionIds")
def list_secret_version_ids(context: Context, request: dict) -> dict:
    """Versions oldest first; deprecated (unlabelled) ones only with ``IncludeDeprecated``.

    The token names the last version returned; a version pruned since then makes it stale.
    A page is a range of the secret's version index: O(log n + page size), once the sorted
    order a later page starts from is made (on the secret's first such page, in O(n)).
    """
    secret = live_secret(context, request["SecretId"])
    listing = f"versions:{secret.arn}"
    include_deprecated = bool(request.get("IncludeDeprecated"))
    following = secret.versions_after(None, include_deprecated=include_deprecated)
    if "NextToken" in request:
        last = decode_token(listing, request["NextToken"])
        following = (
            secret.versions_after(last, include_deprecated=include_deprecated)
            if isinstance(last, str) else None
        )
    if following is None:
        raise invalid_token()
    size = request.get("MaxResults", DEFAULT_VERSIONS_PAGE)
    page = list(itertools.islice(following, size))
    response = {
        "Versions": [version_entry_shape(version) for version in page],
        "ARN": secret.arn,
        "Name": secret.name,
    }
    if page and next(following, None) is not None:
        response["NextToken"] = encode_token(listing, page[-1].version_id)
    return response
