"""Staff mode without the screen: PIN, action log, settings and the bundle store behind one object.

No Qt here (an import-linter contract checks it): the QML staff panel and the `kiosk staff`,
`kiosk bundle` and `kiosk keys` commands are both thin layers over `kiosk.staff.service.Staff`.
"""
