"""Hostile candidate programs and the helpers the sandbox tests share."""
