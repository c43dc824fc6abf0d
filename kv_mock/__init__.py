"""kv_mock: AWS SSM Parameter Store and Secrets Manager, mocked in-process for boto3."""

from .errors import KvMockError, ServiceError
from .guard import RealAWSCallBlocked, allow_real_aws, block_real_aws
from .mock import KvMock, mock_kayvee, stop_all
from .shapes import ResponseShapeError
from . import guard as _guard, intercept as _intercept

__version__ = "0.1.0"
__all__ = [
    "mock_kayvee", "KvMock", "stop_all", "block_real_aws", "allow_real_aws",
    "KvMockError", "ServiceError", "ResponseShapeError", "RealAWSCallBlocked", "__version__",
]

_intercept.install()
_guard.install()
_guard.arm_from_environment()


def load_ipython_extension(shell: object) -> None:
    """``%load_ext kv_mock``: the ``%kv`` line magic (:mod:`kv_mock.notebook`)."""
    from .notebook import load_ipython_extension as load

    load(shell)
