"""Secrets Manager rotation, resource policies and replication (issue 4, part b)."""
