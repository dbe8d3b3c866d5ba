"""The Qt desktop side: the facilitator's window, the walls, the join panel.

The only layer that imports QtWidgets. It reads the workshop through a read-only Store
on the GUI thread, changes it only through engine commands, and follows it through the
engine's change events (see bridge.py).
"""
