"""The store of installed bundles: install, roll back, serve, the ready copy. No Qt."""
