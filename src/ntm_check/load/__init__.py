"""Input: strict YAML with positions, the paths a command names, the files in a folder."""
