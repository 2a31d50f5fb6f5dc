"""Running unattended: systemd notifications, logs, crash-loop guard, display library check.

Pure Python, **no Qt import** (checked by an import-linter contract): the Qt side lives in
`kiosk.app.supervision`.
"""
