"""The desktop window (PySide6). Widgets show what services return and call services to change things."""
