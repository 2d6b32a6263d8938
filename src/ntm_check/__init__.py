"""ntm-check: check new-rural-development (NTM) criteria sets against evidence files.

Data flows one way: ``sources`` (files → plain data with positions) → ``validate``
(plain data → models and located diagnostics) → ``engine`` (models → assessment) →
``reports`` (assessment → text). ``cli`` only wires these stages together.
"""

__version__ = "0.1.0"
