"""The Textual front end of ``coach interview`` (issue #7).

``factory.make_app(engine, start, options)`` builds the app; ``app.py`` holds modes and global
bindings; ``screens/`` the home, interview, feedback and summary screens and the modals;
``widgets/`` the widgets grouped by screen region; layout and colours live in the ``.tcss`` files.
The TUI only ever talks to the ``Engine`` it is given.
"""
