"""Inserted USB sticks: description from sysfs/udev, sources and the watcher."""
