"""Finding a parameter version by name, ARN and selector; GetParameter and GetParameters."""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterVersion
from .. import SSM, operation
from .names import check_name, foreign_account, parameter_arn, split_selector
from .public import is_public, public_arn, public_parameter
from .reference import is_reference, read_reference
from .resource_policies import NotAuthorized, authorize_shared_read, read_denied
from .responses import parameter_shape


def version_not_found(name: str, selector: object) -> ServiceError:
    return ServiceError(
        "ParameterVersionNotFound",
        f"Systems Manager could not find version {selector} of {name}. "
        "Verify the version and try again.",
    )


def find_parameter(context: Context, name: str) -> Parameter:
    """The parameter called ``name``, or ``ParameterNotFound`` (which AWS sends bare)."""
    parameter = context.backend.parameters.get(name)
    if parameter is None:
        raise ServiceError("ParameterNotFound")
    return parameter


def select_version(parameter: Parameter, selector: Optional[str]) -> ParameterVersion:
    """The version a ``:version`` or ``:label`` selector names; the latest without one."""
    if selector is None:
        return parameter.latest
    if selector.isascii() and selector.isdigit():  # "²" and "٣" are labels, not versions
        version = parameter.versions.get(int(selector))
    else:
        version = parameter.version_with_label(selector)
    if version is None:
        raise version_not_found(parameter.name, selector)
    return version


def lookup(
    context: Context, raw: str, action: str = "ssm:GetParameter"
) -> tuple[Parameter, Optional[str], Context]:
    """The parameter ``raw`` (a name or ARN, maybe with a selector) names, the selector, and
    the context of the parameter's owner (the caller's, or the account that shared it).

    An ARN ``…:parameter/a`` names ``a`` or, when there is no ``a``, ``/a``: the ARN of a
    one-level name drops its leading slash. An ARN of another account in the caller's
    partition and region reads that account's parameter if one of its resource policies
    lets the caller ``action`` it (kv_mock.services.ssm.resource_policies).
    """
    owner = _owner_context(context, raw, action)
    name, selector = split_selector(owner, raw)
    name = check_name(owner, name, writing=False)
    if is_public(name):  # AWS-owned parameters: kv_mock.services.ssm.public
        return public_parameter(owner, name), selector, owner
    store = owner.backend.parameters
    if raw.strip(" ").startswith("arn:") and "/" not in name:
        if store.get(name) is None:
            name = "/" + name
    if owner is not context:
        shared = authorize_shared_read(context, store.get(name), parameter_arn(owner, name), action)
        return shared, selector, owner
    return find_parameter(context, name), selector, owner


def _owner_context(context: Context, raw: str, action: str) -> Context:
    """The context of the account whose parameter ARN ``raw`` is (the caller's if not an ARN).

    Only another account in the caller's partition and region can share with it: shared
    parameters are regional. An account with no state yet has nothing to share (and a
    read does not create its state).
    """
    if "arn:" not in raw:  # a name, not an ARN
        return context
    reference = raw.strip(" ")
    account = foreign_account(context, reference)
    if account is None:
        return context
    backend = context.state.backends.get((account, context.region))
    if backend is None:
        raise read_denied(context, ":".join(reference.split(":")[:6]), action)
    return Context(context.state, account, context.region, backend, context.now)


def resolve(
    context: Context, raw: str, action: str
) -> tuple[Parameter, ParameterVersion, Optional[str], Context]:
    """The parameter and version ``raw`` denotes, the selector and the owner's context."""
    parameter, selector, owner = lookup(context, raw, action)
    return parameter, select_version(parameter, selector), selector, owner


def requested_spelling(raw: str, parameter: Parameter) -> str:
    """The ``Name`` GetParameter(s) answer with: the name as the caller spelled it.

    A single-level name is one parameter with or without its slash, and AWS echoes the
    request's spelling: after ``put_parameter(Name="param-x")``, ``get_parameter(Name=
    "/param-x")`` answers ``Name: "/param-x"`` (recorded AWS response, issue #10). By ARN the
    stored name is answered (localstack/localstack#11048 shows AWS's answer to an ARN read);
    the listings (GetParametersByPath, DescribeParameters) and GetParameterHistory, which
    have no recording of this, keep the stored name, as moto#1700's recorded root listing
    shows for GetParametersByPath.
    """
    if raw == parameter.name:  # the common case, at no cost
        return raw
    reference = raw.strip(" ")
    if reference.startswith("arn:"):
        return parameter.name
    return reference.partition(":")[0].strip(" ")


def read_parameter(context: Context, raw: str, with_decryption: bool, action: str) -> dict:
    """The ``Parameter`` GetParameter(s) return for ``raw``, AWS-owned names included."""
    if is_reference(raw):  # Secrets Manager references: kv_mock.services.ssm.reference
        return read_reference(context, raw, with_decryption)
    parameter, version, selector, owner = resolve(context, raw, action)
    shape = parameter_shape(
        owner, parameter, version, with_decryption=with_decryption, selector=selector
    )
    shape["Name"] = requested_spelling(raw, parameter)
    if is_public(parameter.name):
        shape["ARN"] = public_arn(context, parameter.name)
    return shape


@operation(SSM, "GetParameter")
def get_parameter(context: Context, request: dict) -> dict:
    return {
        "Parameter": read_parameter(
            context, request["Name"], bool(request.get("WithDecryption")), "ssm:GetParameter"
        )
    }


@operation(SSM, "GetParameters")
def get_parameters(context: Context, request: dict) -> dict:
    """Found parameters sorted by name; every name that fails goes to ``InvalidParameters``."""
    found: list[dict] = []
    invalid: list[str] = []
    with_decryption = bool(request.get("WithDecryption"))
    for raw in dict.fromkeys(request["Names"]):
        try:
            found.append(read_parameter(context, raw, with_decryption, "ssm:GetParameters"))
        except NotAuthorized:
            raise  # IAM refuses the whole call
        except ServiceError as error:
            if error.code == "InvalidKeyId":  # a KMS failure fails the call (inferred)
                raise
            invalid.append(raw)
    found.sort(key=lambda shape: (shape["Name"], shape.get("Selector", "")))
    return {"Parameters": found, "InvalidParameters": invalid}
