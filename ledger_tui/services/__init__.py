"""One function per user action. Each runs in one unit of work and writes its trail entry."""
