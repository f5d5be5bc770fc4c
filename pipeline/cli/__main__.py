"""`python -m pipeline.cli`: the `vnplan` command line."""
import sys

from pipeline.cli.main import main

sys.exit(main())
