"""The per-call shortcuts keep behaviour: one clock read per request, a cached Date header.

A request reads the mock's clock once; the handler's timestamps, the call log and the
``Date`` header all show that instant, also for a request refused before its handler ran.
"""

from __future__ import annotations

import datetime as _dt
import email.utils

import pytest


def _date_header(instant: _dt.datetime) -> str:
    return email.utils.format_datetime(instant.replace(microsecond=0), usegmt=True)


def test_a_write_stamps_one_instant_on_the_value_the_log_and_the_date_header(
    kayvee, ssm_client
) -> None:
    response = ssm_client.put_parameter(Name="/app/flag", Value="on", Type="String")

    stored = ssm_client.get_parameter(Name="/app/flag")["Parameter"]["LastModifiedDate"]
    put = kayvee.calls.filter("PutParameter")[0]
    assert put.at == stored
    assert response["ResponseMetadata"]["HTTPHeaders"]["date"] == _date_header(put.at)


def test_a_request_refused_by_validation_is_logged_and_dated(kayvee, ssm_client) -> None:
    with pytest.raises(ssm_client.exceptions.ClientError) as err:
        ssm_client.get_parameter(Name="/" + "n" * 2048)

    [refused] = kayvee.calls.filter("GetParameter")
    assert refused.outcome == err.value.response["Error"]["Code"] == "ValidationException"
    headers = err.value.response["ResponseMetadata"]["HTTPHeaders"]
    assert headers["date"] == _date_header(refused.at)


def test_the_date_header_moves_with_the_clock_from_one_second_to_the_next(
    kayvee, ssm_client
) -> None:
    start = kayvee.clock.freeze()
    dates = []
    for _ in range(3):
        metadata = ssm_client.get_parameters(Names=["/any"])["ResponseMetadata"]
        dates.append(metadata["HTTPHeaders"]["date"])
        kayvee.advance(seconds=1)

    assert dates == [_date_header(start + _dt.timedelta(seconds=i)) for i in range(3)]
