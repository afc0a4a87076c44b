"""Run candidate code in five languages, isolated, against LeetCode-style tests.

Importable without the engine or any UI library (enforced by import-linter and a test).
"""
