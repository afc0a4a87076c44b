"""Widgets of the Dashboard mode: stat cards and weekly goals with progress bars."""
