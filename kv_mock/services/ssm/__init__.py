"""Parameter Store operations of the SSM API; importing registers their handlers."""

from . import parameters  # noqa: F401
