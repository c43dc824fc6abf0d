"""Secrets Manager operations; importing registers their handlers."""

from . import values  # noqa: F401
from . import batch, deletion, describe, listing, password, stages, tags, update  # noqa: F401
from . import policies, replication, rotation  # noqa: F401
