"""Allow ``python -m ntm_check``."""

from ntm_check.entry import main

if __name__ == "__main__":
    main()
