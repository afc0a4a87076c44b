"""Versioned prompt templates (filled in by the AI-layer issue)."""
