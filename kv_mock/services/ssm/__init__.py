"""Parameter Store operations of the SSM API; importing registers their handlers."""

from . import parameters  # noqa: F401
from . import listing  # noqa: F401
from . import deletion, history, labels, put, resource_policies, settings, tags  # noqa: F401
