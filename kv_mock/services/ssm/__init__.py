"""Parameter Store operations of the SSM API; importing registers their handlers."""

from . import parameters  # noqa: F401
from . import listing  # noqa: F401
from . import deletion, history, labels, put, settings, tags  # noqa: F401
