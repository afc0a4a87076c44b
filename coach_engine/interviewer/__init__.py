"""The interviewer: one behaviour spec (base.py), offline and LLM implementations."""
