"""A stick as a block device: sizes and guards, FAT/exFAT files without mounting,
the wipe engine, mkfs, and the loop-device switch for tests."""
