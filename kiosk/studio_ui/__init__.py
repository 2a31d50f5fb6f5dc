"""The content studio's Qt side (`kiosk studio`): the QObjects its QML views bind to.

The model (the authoring folder, its fields, checks, sign-off, build) is kiosk/studio, which
knows no Qt; the live preview of the real patient screens is wired in kiosk/app/studio.py.
"""
