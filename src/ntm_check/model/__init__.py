"""Pydantic models of criteria sets and evidence files. They do no I/O."""
