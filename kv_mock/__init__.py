"""kv_mock: AWS SSM Parameter Store and Secrets Manager, mocked in-process for boto3."""

from typing import TYPE_CHECKING, Any

from .errors import KvMockError, ServiceError
from .guard import RealAWSCallBlocked, allow_real_aws, block_real_aws
from .mock import KvMock, mock_kayvee, stop_all
from .shapes import ResponseShapeError
from . import guard as _guard, intercept as _intercept

__version__ = "0.1.0"
__all__ = [
    "mock_kayvee", "KvMock", "stop_all", "block_real_aws", "allow_real_aws", "server",
    "KvMockError", "ServiceError", "ResponseShapeError", "RealAWSCallBlocked", "__version__",
]

if TYPE_CHECKING:
    from .transports.serve import Server


def server(**options: Any) -> "Server":
    """The mock served over HTTP from a thread of this process (needs ``kv-mock[server]``).

    ``with kv_mock.server(port=0) as endpoint_url:`` — any client, in any process, given
    ``endpoint_url`` (or ``AWS_ENDPOINT_URL``) is answered by it. Options: ``host``
    (default ``127.0.0.1``), ``port`` (default 0: a free one), ``key_accounts``,
    ``credentials``, ``verify_sigv4``, ``log_level``, and :func:`mock_kayvee`'s
    (``region``, ``account_id``, ``seed``, ``preload``, ``persist``). If a mock is already
    on, the server shares its state. See :class:`kv_mock.transports.serve.Server`.
    """
    try:
        from .transports.serve import Server
    except ImportError as missing:
        raise KvMockError(
            f"kv_mock.server needs the server extra ({missing.name} is not installed): "
            "pip install 'kv-mock[server]'"
        ) from missing
    return Server(**options)

_intercept.install()
_guard.install()
_guard.arm_from_environment()


def load_ipython_extension(shell: object) -> None:
    """``%load_ext kv_mock``: the ``%kv`` line magic (:mod:`kv_mock.notebook`)."""
    from .notebook import load_ipython_extension as load

    load(shell)
