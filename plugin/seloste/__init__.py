"""Seloste: keeps a website's privacy and cookie notices true."""

__version__ = "0.1.0"
