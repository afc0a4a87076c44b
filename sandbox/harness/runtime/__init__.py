"""Static driver code, one file per language, copied into job directories by the generators.

These files are data for the generators, not modules of Coach: each runs under its own
toolchain (``python_driver.py`` under the system ``/usr/bin/python3``, standard library only).
"""
