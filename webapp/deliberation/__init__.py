"""Digital deliberation (数字协商): topics, screening votes, sortition of representatives,
meetings, trace-free votes, resolutions and their implementation (issue 12, SPEC §4). Built
in steps: the draw (sortition.py, docs/sortition.md) comes first, as a pure function."""
