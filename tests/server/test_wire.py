"""The wire itself, with a raw HTTP client: envelopes, headers, and bad HTTP.

Whatever arrives — no target, an unknown one, a body that is not JSON, the wrong media
type, a huge body, a GET — the answer is AWS's error envelope with AWS's status, never a
traceback and never a hang (every request here has a timeout).
"""

from __future__ import annotations

import http.client
import json
import socket
from urllib.parse import urlsplit

import botocore.session
import pytest

from kv_mock.transports.asgi import MAX_BODY_BYTES

JSON_11 = "application/x-amz-json-1.1"


def _post(endpoint: str, body: bytes, headers: dict, method: str = "POST", path: str = "/"):
    parts = urlsplit(endpoint)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers,
                           encode_chunked="Transfer-Encoding" in headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _aws(endpoint: str, target: str | None, body: bytes = b"{}", content_type: str = JSON_11,
         method: str = "POST"):
    headers = {"Content-Type": content_type}
    if target is not None:
        headers["X-Amz-Target"] = target
    return _post(endpoint, body, headers, method)


def _envelope(response) -> dict:
    status, headers, body = response
    assert headers["Content-Type"] == JSON_11
    assert headers["x-amzn-RequestId"]
    return {"status": status, **json.loads(body)}


def test_a_success_is_json_11_with_a_request_id_and_epoch_second_timestamps(endpoint):
    _aws(endpoint, "AmazonSSM.PutParameter",
         b'{"Name": "/p", "Value": "v", "Type": "String"}')
    status, headers, body = _aws(endpoint, "AmazonSSM.GetParameter", b'{"Name": "/p"}')
    assert status == 200
    assert headers["Content-Type"] == JSON_11
    assert len(headers["x-amzn-RequestId"]) == 36
    assert headers["Content-Length"] == str(len(body))
    modified = json.loads(body)["Parameter"]["LastModifiedDate"]
    assert isinstance(modified, float)  # epoch seconds, milliseconds as decimals


def test_blobs_travel_base64_encoded(endpoint):
    created = _aws(endpoint, "secretsmanager.CreateSecret", b'{"Name": "b", "SecretBinary": "AAH/", "ClientRequestToken": "'
                      b'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}')
    assert created[0] == 200, created[2]
    status, _, body = _aws(endpoint, "secretsmanager.GetSecretValue", b'{"SecretId": "b"}')
    assert status == 200
    assert json.loads(body)["SecretBinary"] == "AAH/"


def test_ssm_errors_carry_their_shapes_message_member(endpoint):
    put = b'{"Name": "/p", "Value": "v", "Type": "String"}'
    _aws(endpoint, "AmazonSSM.PutParameter", put)
    exists = _envelope(_aws(endpoint, "AmazonSSM.PutParameter", put))
    assert (exists["status"], exists["__type"]) == (400, "ParameterAlreadyExists")
    assert exists["message"].startswith("The parameter already exists.")
    invalid = _envelope(_aws(endpoint, "AmazonSSM.PutParameter",
                             b'{"Name": "/p", "Value": "v", "Type": "Nope"}'))
    assert (invalid["status"], invalid["__type"]) == (400, "ValidationException")
    model = botocore.session.get_session().get_service_model("ssm")
    modeled = "ValidationException" in model.shape_names and (
        "Message" in model.shape_for("ValidationException").members)
    member = "Message" if modeled else "message"  # older models do not model it
    assert invalid[member].startswith("1 validation error detected: Value 'Nope' at 'type'")


def test_ssm_parameter_not_found_has_no_message(endpoint):
    assert _envelope(_aws(endpoint, "AmazonSSM.GetParameter", b'{"Name": "/none"}')) == {
        "status": 400, "__type": "ParameterNotFound"}


def test_secrets_manager_errors_carry_a_capitalised_message(endpoint):
    assert _envelope(_aws(endpoint, "secretsmanager.GetSecretValue", b'{"SecretId": "x"}')) == {
        "status": 400, "__type": "ResourceNotFoundException",
        "Message": "Secrets Manager can't find the specified secret."}


UNKNOWN = {"status": 400, "__type": "UnknownOperationException"}


@pytest.mark.parametrize("target", [
    None, "", "AmazonSSM", "AmazonSSM.", "AmazonSSM.NoSuchThing", "secretsmanager.getSecretValue",
    "DynamoDB_20120810.ListTables", "AmazonSSM.GetParameter.Extra",
])
def test_a_missing_or_unknown_target_is_an_unknown_operation(endpoint, target):
    assert _envelope(_aws(endpoint, target)) == UNKNOWN


def test_a_get_on_the_root_is_an_unknown_operation(endpoint):
    assert _envelope(_aws(endpoint, "AmazonSSM.GetParameter", b"", method="GET")) == UNKNOWN


def test_a_form_post_is_not_a_json_operation(endpoint):
    answer = _aws(endpoint, "AmazonSSM.GetParameter", b"Action=GetParameter&Name=%2Fp",
                  content_type="application/x-www-form-urlencoded")
    assert _envelope(answer) == UNKNOWN


@pytest.mark.parametrize("content_type", ["application/json", "application/x-amz-json-1.0",
                                          "application/x-amz-json-1.1; charset=utf-8"])
def test_json_media_types_are_accepted(endpoint, content_type):
    answer = _envelope(_aws(endpoint, "AmazonSSM.GetParameter", b'{"Name": "/none"}',
                            content_type=content_type))
    assert answer["__type"] == "ParameterNotFound"


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe", b'"text"'])
def test_a_body_that_is_not_a_json_object_is_a_serialization_exception(endpoint, body):
    answer = _envelope(_aws(endpoint, "AmazonSSM.GetParameter", body))
    assert answer["status"] == 400
    assert answer["__type"] == "SerializationException"


def test_a_huge_body_is_refused_without_reading_it(endpoint):
    parts = urlsplit(endpoint)
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as sock:
        sock.sendall(  # the headers only: the server must answer before any body arrives
            b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n"
            b"Content-Type: application/x-amz-json-1.1\r\n"
            + f"Content-Length: {MAX_BODY_BYTES + 1}\r\n\r\n".encode()
        )
        reply = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its answer
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(body)["__type"] == "RequestEntityTooLargeException"


def test_a_huge_chunked_body_is_refused(endpoint):
    chunks = iter([b"{" + b" " * (64 * 1024)] * (MAX_BODY_BYTES // (64 * 1024) + 2))
    status, _, body = _post(endpoint, chunks,  # type: ignore[arg-type]
                            {"X-Amz-Target": "AmazonSSM.GetParameter",
                             "Content-Type": JSON_11, "Transfer-Encoding": "chunked"})
    assert status == 413
    assert json.loads(body)["__type"] == "RequestEntityTooLargeException"


def test_a_handler_bug_is_an_internal_error_not_a_traceback(endpoint, replace_handler):
    def broken(context, request):
        raise RuntimeError("boom")

    replace_handler("ssm", "GetParameter", broken)
    answer = _envelope(_aws(endpoint, "AmazonSSM.GetParameter", b'{"Name": "/p"}'))
    assert answer["status"] == 500
    assert answer["__type"] == "InternalServerError"
    assert "Traceback" not in answer["message"]


def test_an_endless_chunked_body_is_cut_off_not_waited_for(endpoint):
    """Past the drain allowance the server closes the connection: the client's upload
    ends (with the 413, or with a reset while it is still sending), it never hangs."""
    parts = urlsplit(endpoint)
    chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(10 * MAX_BODY_BYTES // 0x10000):
                sock.sendall(chunk)
            reply = sock.recv(65536)
        except (BrokenPipeError, ConnectionResetError):
            return
    assert reply.startswith(b"HTTP/1.1 413") or reply == b""  # the answer, or the close
