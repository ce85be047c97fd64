"""Adapters to the operating system: key files, and later udev, block devices, printing."""
