"""Who is calling over HTTP: the account and region of a request, and, if asked, proof.

The region is the one in the SigV4 credential scope of ``Authorization``
(``Credential=<key id>/<date>/<region>/<service>/aws4_request``): the region the client
signed for, which is the region it believes it talks to. The account follows the rule the
in-process transport uses (:func:`kv_mock.accounts.account_for_access_key`): a 12-digit
key id is the account, else the configured key → account map, else the default account.
An unsigned request (``--no-sign-request``, curl) is the default account and region.

With ``verify_sigv4`` every request must be signed by a configured key pair, and the
signature is recomputed with botocore's own signer (:class:`botocore.auth.SigV4Auth`) over
the headers the client says it signed. The request's age is not checked: the mock's clock
may be frozen or far ahead, and a test must not fail because of it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from ..accounts import account_for_access_key
from ..errors import ServiceError
from ..state import REGION_PATTERN

#: ``AWS4-HMAC-SHA256 Credential=…/…/…/…/aws4_request, SignedHeaders=…, Signature=…``
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+"
    r"Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/(?P<service>[^/,\s]+)"
    r"/aws4_request\s*,\s*SignedHeaders=(?P<headers>[a-z0-9;_.-]+)\s*,\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})\s*$"
)

# AWS's words. UnrecognizedClientException: recorded from SSM by a Java SDK user ("The
# security token included in the request is invalid. (Service: AWSSimpleSystemsManagement;
# Status Code: 400; Error Code: UnrecognizedClientException", coveooss/spring-boot-
# parameter-store-integration#3) and as a raw JSON 1.1 body, {"__type":
# "UnrecognizedClientException","message":"The security token included in the request is
# invalid."} (ArranJacques/laravel-aws-cognito-auth#25).
UNRECOGNIZED_CLIENT_MESSAGE = "The security token included in the request is invalid."
# InvalidSignatureException: raw bodies {"__type":"InvalidSignatureException","message":
# "The request signature we calculated …"} from Kinesis (samcday/logstash-output-kinesis#8),
# "status code: 400" from ECS (teralytics/prometheus-ecs-discovery#7).
INVALID_SIGNATURE_MESSAGE = (
    "The request signature we calculated does not match the signature you provided. Check "
    "your AWS Secret Access Key and signing method. Consult the service documentation for "
    "details."
)
# An unsigned request to Secrets Manager gets MissingAuthenticationTokenException
# (aws/aws-sdk-cpp#2407); the text is the front end's "Missing Authentication Token" (its
# JSON-protocol status is not recorded; 400 like the other authentication errors here).
MISSING_TOKEN_MESSAGE = "Missing Authentication Token"


@dataclass(frozen=True)
class Signature:
    """The parts of a SigV4 ``Authorization`` header."""

    access_key_id: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_authorization(header: Optional[str]) -> Optional[Signature]:
    """The SigV4 signature in an ``Authorization`` header; ``None`` if there is none."""
    if not header:
        return None
    match = _AUTHORIZATION.match(header.strip())
    if match is None:
        return None
    return Signature(
        match["key"], match["date"], match["region"], match["service"],
        tuple(match["headers"].split(";")), match["signature"],
    )


@dataclass(frozen=True)
class CallerRules:
    """How a server maps credentials to accounts, and whether it checks signatures."""

    default_account_id: str
    default_region: str
    #: Access key id → account id, for key ids that are not 12 digits.
    key_accounts: Mapping[str, str] = field(default_factory=dict)
    #: Access key id → secret access key: the key pairs ``verify_sigv4`` accepts.
    credentials: Mapping[str, str] = field(default_factory=dict)
    verify_sigv4: bool = False


@dataclass(frozen=True)
class Caller:
    account_id: str
    region: str


@dataclass(frozen=True)
class SignedRequest:
    """What a signature covers: the request as it arrived."""

    method: str
    path: str
    query_string: str
    headers: Mapping[str, str]  # names lower-case
    body: bytes


def identify(rules: CallerRules, request: SignedRequest, signing_name: str) -> Caller:
    """The caller of ``request`` to the service signed as ``signing_name`` (``"ssm"``,
    ``"secretsmanager"``); with ``verify_sigv4``, AWS's error unless it is signed right."""
    signature = parse_authorization(request.headers.get("authorization"))
    if rules.verify_sigv4:
        _verify(rules, request, signature, signing_name)
    if signature is None:
        return Caller(rules.default_account_id, rules.default_region)
    region = signature.region if REGION_PATTERN.fullmatch(signature.region) else (
        rules.default_region
    )
    account = account_for_access_key(
        signature.access_key_id, rules.default_account_id, rules.key_accounts
    )
    return Caller(account, region)


def _verify(
    rules: CallerRules, request: SignedRequest, signature: Optional[Signature], signing_name: str
) -> None:
    if signature is None:
        if "authorization" in request.headers:
            # kv_mock's words: AWS lists each missing part of the header instead.
            raise ServiceError("IncompleteSignatureException",
                               "Authorization header is not a valid AWS Signature Version 4.")
        raise ServiceError("MissingAuthenticationTokenException", MISSING_TOKEN_MESSAGE)
    secret = rules.credentials.get(signature.access_key_id)
    if secret is None:
        raise ServiceError("UnrecognizedClientException", UNRECOGNIZED_CLIENT_MESSAGE)
    if signature.service != signing_name:
        # Recorded raw JSON 1.1 answers, HTTP 400: {"__type":"InvalidSignatureException",
        # "message":"Credential should be scoped to correct service: 'sagemaker'. "}
        # (disneystreaming/smithy4s#1568; EMR: aws/aws-sdk-ruby#431).
        raise ServiceError("InvalidSignatureException",
                           f"Credential should be scoped to correct service: '{signing_name}'. ")
    expected = _recompute(request, signature, secret)
    if expected is None or not hmac.compare_digest(expected, signature.signature):
        raise ServiceError("InvalidSignatureException", INVALID_SIGNATURE_MESSAGE)


def _recompute(request: SignedRequest, signature: Signature, secret: str) -> Optional[str]:
    """The signature botocore's signer makes for the headers the client says it signed."""
    timestamp = request.headers.get("x-amz-date")
    if timestamp is None or not timestamp.startswith(signature.date):
        return None
    declared = request.headers.get("x-amz-content-sha256")
    if declared is not None and declared != hashlib.sha256(request.body).hexdigest():
        return None  # the signature covers this hash, so it must be the body's
    signed = {}
    for name in signature.signed_headers:
        if name not in request.headers:
            return None
        signed[name] = request.headers[name]
    url = f"http://{request.headers.get('host', 'localhost')}{request.path}"
    if request.query_string:
        url += f"?{request.query_string}"
    aws_request = AWSRequest(method=request.method, url=url, headers=signed, data=request.body)
    aws_request.context["timestamp"] = timestamp
    signer = SigV4Auth(
        Credentials(signature.access_key_id, secret), signature.service, signature.region
    )
    canonical = signer.canonical_request(aws_request)
    return signer.signature(signer.string_to_sign(aws_request, canonical), aws_request)
