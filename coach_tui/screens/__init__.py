"""Screens (home, interview, feedback, summary) and modals."""
