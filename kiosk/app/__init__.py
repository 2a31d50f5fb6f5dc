"""The wiring: builds the application from the other packages, runs and supervises it."""
