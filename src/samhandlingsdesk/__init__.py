"""samhandlingsdesk: the samhandlingskoordinator's keyboard-driven desk."""

__version__ = "0.1.0"
