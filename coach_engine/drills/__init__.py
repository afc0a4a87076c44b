"""Drills: generated from a feedback's weaknesses, graded by measurement, scheduled by SM-2."""
