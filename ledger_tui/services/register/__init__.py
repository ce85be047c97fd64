"""The media register (USBメモリ管理台帳): media, and inserted sticks matched to it."""
