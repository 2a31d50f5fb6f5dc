"""The content studio's core, without Qt: edit an authoring folder, check it live, sign off,
build and publish. The studio window (its Qt side) sits on this package."""
