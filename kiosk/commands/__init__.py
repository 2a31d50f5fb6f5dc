"""Sub-commands of `kiosk`; each module adds its parser with `add_parser`."""
