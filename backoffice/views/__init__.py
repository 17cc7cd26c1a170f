"""The back-office pages; every one is behind the staff gate (backoffice.gate)."""
