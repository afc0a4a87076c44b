"""Dashboard and analytics (issue #8): skills, weekly goals, streaks, insight.

Import the parts you need — ``coach_engine.dashboard.service.dashboard`` builds the whole view.
This package init imports nothing so the store can import ``records`` without a cycle.
"""
