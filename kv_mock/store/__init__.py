"""Domain state of the mock: plain objects, no AWS wire shapes."""
