"""How requests reach the one dispatcher: the HTTP server, the Lambda extension API, the dashboard."""
