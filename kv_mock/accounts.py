"""Who is calling: the account a request's credentials play.

LocalStack's rule, which kv_mock follows in-process and over HTTP: an access key id of
exactly twelve (ASCII) digits *is* the account id, so ``aws_access_key_id="111111111111"``
is a caller from account 111111111111 and cross-account tests need no configuration. Any
other key id plays the key map's account for it, else the mock's default account.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional


def account_for_access_key(
    access_key_id: Optional[str],
    default_account_id: str,
    key_map: Optional[Mapping[str, str]] = None,
) -> str:
    """The account of a caller whose access key id is ``access_key_id`` (``None``: unsigned)."""
    if not access_key_id:
        return default_account_id
    if len(access_key_id) == 12 and access_key_id.isascii() and access_key_id.isdigit():
        return access_key_id
    if key_map:
        return key_map.get(access_key_id, default_account_id)
    return default_account_id


def signer_access_key(request_signer: Any) -> Optional[str]:
    """The access key id a botocore client would sign with, read without side effects.

    Refreshable credentials (assume-role, SSO) refresh when ``access_key`` is read, which
    could call STS: their cached ``_access_key`` is read instead, so the account rule never
    sends a request.
    """
    credentials = getattr(request_signer, "_credentials", None)
    if credentials is None:
        return None
    attributes = vars(credentials)
    key = attributes.get("access_key", attributes.get("_access_key"))
    return key if isinstance(key, str) else None
