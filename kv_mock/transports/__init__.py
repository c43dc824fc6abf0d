"""How requests arrive: the in-process hooks, the HTTP server, the Lambda extension API."""
