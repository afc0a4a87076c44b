"""Widgets of the Drills mode: the queue of drills and the workbench that answers one."""
