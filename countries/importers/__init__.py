"""Readers for the official lists that staff import (World Heritage, and later others).

A reader turns a file into validated records and never touches the database; the import
commands and the admin upload decide what to write.
"""
