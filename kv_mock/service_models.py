"""botocore's models of the mocked services, loaded once per process.

Preloading sends its entries through the same validation and serialisation a boto3 client
applies, and the notebook view masks the members the models mark ``sensitive``; both need
operation models without a client at hand.
"""

from __future__ import annotations

import functools

import botocore.session
from botocore.model import OperationModel, ServiceModel


@functools.lru_cache(maxsize=None)
def service_model(service: str) -> ServiceModel:
    """The model of ``service`` (botocore's name: ``"ssm"``, ``"secretsmanager"``)."""
    return botocore.session.get_session().get_service_model(service)


def operation_model(service: str, operation: str) -> OperationModel:
    return service_model(service).operation_model(operation)


@functools.lru_cache(maxsize=None)
def output_has_member(service: str, operation: str, member: str) -> bool:
    """Whether the installed model's output of ``operation`` has ``member``.

    Members newer than the installed botocore (Secrets Manager's ``PolicyName``, botocore
    1.44.2) are answered only where the model has them: the response check would refuse
    them, and the caller's client could not parse them anyway.
    """
    shape = operation_model(service, operation).output_shape
    return shape is not None and member in shape.members
