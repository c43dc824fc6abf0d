"""The KMS operations SSM and Secrets Manager depend on; importing registers their handlers."""

from . import aliases, crypto, keys, tags  # noqa: F401
