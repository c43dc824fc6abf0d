"""Constants shared by these tests."""

import datetime as dt

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
#: A Monday, mid-morning UTC: every test of time starts here.
START = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
