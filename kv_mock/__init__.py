"""kv_mock: AWS SSM Parameter Store and Secrets Manager, mocked in-process for boto3."""

from .errors import KvMockError, ServiceError
from .mock import KvMock, mock_kayvee
from .shapes import ResponseShapeError
from . import intercept as _intercept

__version__ = "0.1.0"
__all__ = ["mock_kayvee", "KvMock", "KvMockError", "ServiceError", "ResponseShapeError", "__version__"]

_intercept.install()


def load_ipython_extension(shell: object) -> None:
    """``%load_ext kv_mock``: the ``%kv`` line magic (:mod:`kv_mock.notebook`)."""
    from .notebook import load_ipython_extension as load

    load(shell)
