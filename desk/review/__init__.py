"""Findings from all checks, the 三审 workflow as domain commands, audit and register."""
