"""How requests reach the one dispatcher (:func:`kv_mock.dispatch.dispatch`).

* in-process: botocore's ``before-call`` hook (:mod:`kv_mock.intercept`);
* over HTTP: an ASGI app served by uvicorn (:mod:`kv_mock.transports.asgi`, started by
  ``kv-mock serve`` or :func:`kv_mock.server`) speaking AWS JSON 1.1
  (:mod:`kv_mock.transports.aws_json`), with an admin API (:mod:`kv_mock.transports.admin`)
  and the dashboard page (:mod:`kv_mock.transports.dashboard`);
* the Lambda Parameters and Secrets extension API (:mod:`kv_mock.transports.extension`),
  on the server's port(s) and in-process for ``requests``
  (:mod:`kv_mock.transports.extension_requests`).

No transport holds a business rule: each turns its wire format into a dispatch call and
the :class:`~kv_mock.dispatch.Outcome` back into its wire format.
"""

#: Where ``kv-mock serve`` listens by default: this machine only, on the product's port.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 9350
