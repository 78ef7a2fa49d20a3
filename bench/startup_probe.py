"""Started by bench/run.py: start the app the way a user does and say when the window is shown.

Goes through ui.launcher (logging, single instance, database, window), printing
"shown <seconds>" once the main window is on screen, then quits.
"""

import os
import sys

os.environ["LIAISON_DESK_EXIT_WHEN_SHOWN"] = "1"

from ui.launcher import main

sys.exit(main(["--data-dir", sys.argv[1]]))
