"""`python -m samhandlingsdesk`: the same command line as `samhandlingsdesk`."""

import sys

from samhandlingsdesk.cli import main

sys.exit(main())
