"""The end of a medium's cycle: verified wipes, erasure certificates and disposals."""
