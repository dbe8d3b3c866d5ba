"""The wall: one table's notes and clusters on a zoomable scene, and the edits on it."""
